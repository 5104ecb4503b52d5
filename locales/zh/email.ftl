## 所有邮件共用

email-greeting-named = 尊敬的{ $name }：
email-greeting-coordinator = 尊敬的协调员：
email-greeting-formal = 尊敬的先生/女士：
email-signature-thanks = 谨致谢意并致以诚挚问候，
email-signature = 顺致敬意，
email-secretariat = 秘书处
email-personal-link = 此链接为您个人专用：请勿转发。
email-personal-link-group = 任何持有此链接的人均可代表贵组答复。
email-personal-link-self = 任何持有此链接的人均可以您的名义答复。
# What stands between a label and its value on one line of a plain-text email.
email-field-separator = { "：" }

## 字段名称

email-label-meeting = 会议
email-label-purpose = 目的
email-label-organiser = 组织方
email-label-group = 地区组
email-label-period = 考虑的时间段
email-label-deadline = 答复截止时间
email-label-start = 开始
email-label-end = 结束
email-label-dates = 日期
email-label-duration = 会期
email-days-count = { $count ->
   *[other] { $count }天
}
email-label-modality = 会议形式
email-label-modalities = 可选会议形式
email-label-venue = 地点
email-label-join = 远程参会
email-label-meeting-days = 会议日
email-no-other-days = 其他日期不开会。
email-meeting-days-heading = 会议日（其他日期不开会）：

## 会议形式

modality-in-person = 现场
modality-hybrid = 混合（现场和线上）
modality-virtual = 虚拟（仅限线上）

## coordinator_link

coordinator-link-subject = 关于“{ $title }”会期的磋商 — { $group }
coordinator-link-intro = 一次特设非正式会议正在筹备中。我们希望通过您作为协调员，就会议的时间、会期和其他安排征求贵组（{ $group }）的意见。
coordinator-link-ask = 请通过您的个人链接在表格中填写贵组的可参会时间：
coordinator-form-button = 打开贵组的可参会时间表
coordinator-link-revise = 您可以保存表格，稍后再继续填写；在上述截止时间之前，贵组的答复均可修改。

## coordinator_reminder

coordinator-reminder-subject = 提醒：关于“{ $title }”会期的磋商 — { $group }
coordinator-reminder-intro = 我们尚未收到贵组（{ $group }）关于下述特设非正式会议的可参会时间。请在截止时间之前答复，不胜感激。
coordinator-reminder-ask = 表格可通过您的个人链接访问：
coordinator-reminder-disregard = 如您已在最近几小时内答复，请忽略此提醒。

## consultation_outcome

outcome-subject = 关于“{ $title }”会期磋商的结果 — { $group }
outcome-closed = 关于下述特设非正式会议会期的磋商现已结束。感谢您代表贵组（{ $group }）作出的答复。
outcome-approved = 经审议各组的答复，秘书处已核准以下日期：
outcome-invitations-follow = 随后将向所有成员国和组织发出正式邀请。

## invitation

invitation-subject = 会议邀请：“{ $title }”
invitation-intro = 我们谨邀请您参加下述会议。
invitation-intro-on-behalf = 我们谨邀请您代表您所代表的代表团（{ $invitee }）参加下述会议。
invitation-ask = 请通过您的个人链接告知我们您是否出席会议：
invitation-reply-button = 答复邀请
invitation-link-only = 只有通过此链接作出的答复才会被记录：在您的日历中接受或拒绝不会通知我们。
invitation-calendar = 附件中的日历文件（invite.ics）可将会议添加到您的日历。

## invitation_update

update-subject = 邀请已更新：“{ $title }”
update-intro = 我们邀请您参加的会议的安排已有变更。本邮件取代先前的邀请；以下为现行信息。
update-intro-on-behalf = 我们邀请您代表您所代表的代表团（{ $invitee }）参加的会议的安排已有变更。本邮件取代先前的邀请；以下为现行信息。
update-label-change = 变更内容
update-ask = 如您已答复，请通过您的个人链接确认您的答复是否仍然有效；如您尚未答复，请通过同一链接答复：
update-calendar = 附件中的日历文件（invite.ics）将更新您日历中的会议。

## invitation_cancel

cancel-subject = 会议取消：“{ $title }”
cancel-intro = 我们遗憾地通知您，我们曾邀请您参加的下述会议已被取消，将不再举行。
cancel-intro-on-behalf = 我们遗憾地通知您，我们曾邀请您代表您所代表的代表团（{ $invitee }）参加的下述会议已被取消，将不再举行。
cancel-label-reason = 取消原因
cancel-calendar = 附件中的日历文件（invite.ics）将从您的日历中删除该会议。
cancel-apology = 由此带来的不便，敬请谅解。

## 日历文件（invite.ics）

calendar-summary-cancelled = 已取消：{ $title }
calendar-join = 远程参会：{ $link }
calendar-reply = 您的答复：{ $link }
calendar-reason = 取消原因：{ $reason }
