# 秘书处以外人员（协调人、受邀者）看到的页面。

page-skip = 跳至主要内容
# The language switcher on personal pages.
page-languages = 语言
# After a secretariat text shown in English for want of a translation.
page-fallback = （英文）

## 无法再打开任何内容的个人链接

personal-unknown-title = 此链接无效
personal-unknown-why = 无法识别此个人链接。它可能未从电子邮件中完整复制：请从电子邮件中重新完整打开。
personal-withdrawn-title = 此链接已撤回
personal-withdrawn-why = 秘书处已撤回此个人链接，或已向您发送了更新的链接。请使用您收到的最新电子邮件中的链接。
personal-expired-title = 此链接已过期
personal-expired-why = 此个人链接已过期：其所属的磋商已经结束。
personal-contact = 如需新的链接，请回复您收到的电子邮件与秘书处联系。
personal-contact-address = 如需新的链接，请与秘书处联系：
# A form of a personal page sent without its anti-forgery token (an old tab, cookies cleared).
personal-form-expired-title = 此表单已失效
personal-form-expired-why = 未保存任何内容：此表单已失效，或并非从本页面提交。请通过电子邮件中的链接重新打开页面，然后再次提交答复。

## 协调人的时间安排表

form-title = { $group }：{ $title }的可出席时间
form-lead = { $group }的可出席时间
form-not-saved = 答复未保存。
form-purpose = 目的
form-organiser = 组织方
form-dates = 可能的日期
form-dates-value = { $start }至{ $end }
form-sessions = 会议时段
form-sessions-value = { $first }和{ $second }（{ $zone }）
form-deadline = 答复截止
form-your-answer = 贵组的答复
form-not-given = 尚未答复
form-saved-version = 第{ $version }版，保存于{ $at }
form-private = 只有秘书处能看到此答复。此链接为个人链接：请勿转发。
form-read-only = 磋商已结束。这是贵组最后保存的答复；已不能再更改。
form-days = 日期
form-hint-day = 请为每一天选择：✓ 可以，~ 必要时可以，✗ 不可以。时间均为{ $zone }时间。
form-hint-half-day = 请为每个半天选择：✓ 可以，~ 必要时可以，✗ 不可以。时间均为{ $zone }时间。
form-fill-all = 一次填写所有日期：
form-fill-week = 一周：
form-week-of = { $date }当周
form-duration = 会期
form-accepted = 贵组可以接受的会期（至少一项）
form-preferred = 首选会期
form-no-preference = 无偏好
form-modality-comment = 形式和意见
form-modality = 首选形式
form-comment = 给秘书处的意见（可选）
form-save = 保存答复
form-saved-notice = 谢谢。贵组的答复已保存为第{ $version }版。截止日期前可随时更改。
form-closed-notice = 磋商已结束：答复不能再更改。未保存任何内容。
form-filled = 已填写。尚未保存：请检查日期，然后点击“保存答复”。
form-fill-unknown = 无法识别该快速填写；未作任何更改。
form-choice-yes = 可以
form-choice-maybe = 必要时可以
form-choice-no = 不可以
form-short-yes = 可以
form-short-maybe = 必要时
form-short-no = 不可以
form-half-am = ，上午
form-half-pm = ，下午
form-in-person = 现场
form-hybrid = 混合（现场和线上）
form-virtual = 虚拟（仅线上）
form-days-count = { $count }天
form-half-a-day = 半天
form-days-and-half = { $days }天半
form-error-units = 仍有{ $count }天未答复（第一天为{ $first }）。请为每一天选择可以、必要时可以或不可以，或使用快速填写。
form-error-half-units = 仍有{ $count }个半天未答复（第一个为{ $first }）。请为每个半天选择可以、必要时可以或不可以，或使用快速填写。
form-error-accepted = 请至少勾选一项贵组可以接受的会期：一项都不选，贵组将被视为所有日期都不可以。
form-error-preferred = 首选会期必须是贵组可以接受的会期之一。
form-error-modality = 请选择所提供的形式之一。
form-error-comment = 意见最多{ $max }个字符，且不得包含控制字符。

## 受邀方的答复页面

reply-page-title = 答复：{ $title }
# Before the invited party's name, in bold.
reply-invitation-for = 邀请对象：
reply-saved-notice = 谨此致谢：您的答复已保存。代表{ $invitee }受邀的所有人员均可查看此答复，并可在会议开始前予以更改。
reply-started = 会议已经开始，答复不能再更改。
reply-cancelled = 本次会议已取消，答复已截止。
reply-not-open = 本邀请尚未开放答复。
reply-nothing-saved = 未保存任何内容。
reply-not-saved = 您的答复未保存。
reply-correct-fields = 请更正下列标出的字段。
reply-purpose = 目的
reply-organiser = 组织方
reply-invited = 受邀方
reply-starts = 开始
reply-ends = 结束
reply-modality = 会议形式
reply-modalities = 可选会议形式
reply-venue = 地点
reply-remote-link = 远程参会链接
reply-personal-link = 此链接为{ $recipient }专用的个人链接：请勿转发。代表{ $invitee }受邀的所有人员共同作出一份答复，以最后保存的答复为准。
reply-heading = { $invitee }的答复
reply-attendance = 出席情况
reply-delegation = 代表团
reply-nobody-named = 未列出任何人员
reply-note = 备注
reply-last-saved = 最后保存
# After “Last saved”: who saved the reply, and when (a date and time in the meeting's zone).
reply-saved-by = 由{ $by }保存于{ $at }
reply-no-reply = 尚未作出答复。
reply-will-attend = { $invitee }是否出席会议？
reply-in-person = 现场出席
reply-remote = 远程出席
reply-not-attending = 不出席
reply-delegation-hint = 代表{ $invitee }出席会议的人员及其职务。空行不予计入；不出席时不保留代表团名单。如需列出更多人员，请先保存：将再出现三个空行。
reply-name = 姓名
reply-function = 职务
# Read by screen readers after “Name” or “Function”: which row of the delegation.
reply-of-delegate = （代表团第{ $number }位成员）
reply-note-label = 致秘书处的备注（可选）
reply-save = 保存答复
# Validation messages, shown at the field they are about.
reply-error-no-response = 请说明是否出席会议。
reply-error-online-only = 本次会议仅在线上举行。
reply-error-no-remote = 本次会议不能远程参加。
reply-error-nameless-delegate = 请填写职务为“{ $function }”的人员的姓名。
reply-error-delegate-too-long = 姓名和职务最多{ $max }个字符。
reply-error-too-many-delegates = 代表团最多{ $max }名成员。
reply-error-note-too-long = 备注最多{ $max }个字符。
reply-error-delegate-characters = 每个姓名和职务请写在一行内，不得包含控制字符。
reply-error-note-characters = 请删除备注中的控制字符（如NUL）。
