## مشترك بين جميع الرسائل

email-greeting-named = السيد/السيدة { $name } المحترم/المحترمة،
email-greeting-coordinator = السيد المنسق/السيدة المنسقة المحترم/المحترمة،
email-greeting-formal = السادة والسيدات المحترمون،
email-signature-thanks = مع خالص الشكر وأطيب التحيات،
email-signature = مع أطيب التحيات،
email-secretariat = الأمانة
email-personal-link = هذا الرابط شخصي: يُرجى عدم إعادة توجيهه.
email-personal-link-group = يمكن لأي شخص يحوزه أن يجيب باسم مجموعتكم.
email-personal-link-self = يمكن لأي شخص يحوزه أن يرد باسمكم.
# What stands between a label and its value on one line of a plain-text email.
email-field-separator = { ": " }

## تسميات الحقول

email-label-meeting = الاجتماع
email-label-purpose = الغرض
email-label-organiser = الجهة المنظمة
email-label-group = المجموعة الإقليمية
email-label-period = الفترة قيد النظر
email-label-deadline = الموعد النهائي للرد
email-label-start = البداية
email-label-end = النهاية
email-label-dates = { $count ->
    [1] التاريخ
   *[other] التواريخ
}
email-label-duration = المدة
email-days-count = { $count ->
    [zero] لا أيام
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
email-label-modality = طريقة الانعقاد
email-label-modalities = طرق الانعقاد المقترحة
email-label-venue = المكان
email-label-join = المشاركة عن بُعد
email-label-meeting-days = أيام الاجتماع
email-no-other-days = لا جلسات في الأيام الأخرى.
email-meeting-days-heading = أيام الاجتماع (لا جلسات في الأيام الأخرى):

## طرق الانعقاد

modality-in-person = حضوريًا
modality-hybrid = هجين (حضوريًا وعبر الإنترنت)
modality-virtual = افتراضي (عبر الإنترنت فقط)

## coordinator_link

coordinator-link-subject = مشاورات بشأن موعد الاجتماع «{ $title }» — { $group }
coordinator-link-intro = يجري التحضير لاجتماع غير رسمي مخصص، ونود أن نتشاور مع مجموعتكم ({ $group })، من خلالكم بصفتكم منسقها، بشأن موعد الاجتماع ومدته وسائر ترتيباته.
coordinator-link-ask = يُرجى بيان أوقات توفر مجموعتكم في الاستمارة المتاحة عبر رابطكم الشخصي:
coordinator-form-button = فتح استمارة أوقات توفر مجموعتكم
coordinator-link-revise = يمكنكم حفظ الاستمارة والعودة إليها لاحقًا؛ ويمكن تعديل رد مجموعتكم حتى الموعد النهائي المذكور أعلاه.

## coordinator_reminder

coordinator-reminder-subject = تذكير: مشاورات بشأن موعد الاجتماع «{ $title }» — { $group }
coordinator-reminder-intro = لم نتلقَّ بعدُ أوقات توفر مجموعتكم ({ $group }) للاجتماع غير الرسمي المخصص المبين أدناه. وسنكون ممتنين لو تفضلتم بالرد قبل الموعد النهائي.
coordinator-reminder-ask = الاستمارة متاحة عبر رابطكم الشخصي:
coordinator-reminder-disregard = إذا كنتم قد رددتم خلال الساعات القليلة الماضية، فيُرجى تجاهل هذا التذكير.

## consultation_outcome

outcome-subject = نتيجة المشاورات بشأن موعد الاجتماع «{ $title }» — { $group }
outcome-closed = اختُتمت المشاورات بشأن موعد الاجتماع غير الرسمي المخصص المبين أدناه. ونشكركم على الرد الذي قدمتموه باسم مجموعتكم ({ $group }).
outcome-approved = بعد النظر في ردود المجموعات، اعتمدت الأمانة التواريخ التالية:
outcome-invitations-follow = وستُوجَّه الدعوات الرسمية لاحقًا إلى جميع الدول الأعضاء والمنظمات.

## invitation

invitation-subject = دعوة إلى الاجتماع «{ $title }»
invitation-intro = يشرفنا أن ندعوكم إلى المشاركة في الاجتماع المبين أدناه.
invitation-intro-on-behalf = يشرفنا أن ندعوكم إلى المشاركة، باسم الوفد الذي تمثلونه ({ $invitee })، في الاجتماع المبين أدناه.
invitation-ask = يُرجى إبلاغنا عبر رابطكم الشخصي بما إذا كنتم ستشاركون في الاجتماع:
invitation-reply-button = الرد على الدعوة
invitation-link-only = لا تُسجَّل إلا الردود المقدمة عبر هذا الرابط: فالقبول أو الاعتذار من خلال تقويمكم لا يصل إلينا.
invitation-calendar = يتيح ملف التقويم المرفق (invite.ics) إضافة الاجتماع إلى تقويمكم.

## invitation_update

update-subject = دعوة معدلة: الاجتماع «{ $title }»
update-intro = تغيرت ترتيبات الاجتماع الذي تشرفنا بدعوتكم إليه. وتحل هذه الرسالة محل الدعوة السابقة؛ والمعلومات الواردة أدناه هي المعمول بها من الآن فصاعدًا.
update-intro-on-behalf = تغيرت ترتيبات الاجتماع الذي تشرفنا بدعوتكم إليه باسم الوفد الذي تمثلونه ({ $invitee }). وتحل هذه الرسالة محل الدعوة السابقة؛ والمعلومات الواردة أدناه هي المعمول بها من الآن فصاعدًا.
update-label-change = ما الذي تغير
update-ask = إذا كنتم قد رددتم بالفعل، فيُرجى التحقق عبر رابطكم الشخصي من أن ردكم لا يزال قائمًا؛ وإن لم تكونوا قد رددتم بعد، فيمكنكم الرد عبر الرابط نفسه:
update-calendar = يحدّث ملف التقويم المرفق (invite.ics) الاجتماع في تقويمكم.

## invitation_cancel

cancel-subject = إلغاء الاجتماع «{ $title }»
cancel-intro = يؤسفنا إبلاغكم بأن الاجتماع المبين أدناه، الذي تشرفنا بدعوتكم إليه، قد أُلغي ولن يُعقد.
cancel-intro-on-behalf = يؤسفنا إبلاغكم بأن الاجتماع المبين أدناه، الذي تشرفنا بدعوتكم إليه باسم الوفد الذي تمثلونه ({ $invitee })، قد أُلغي ولن يُعقد.
cancel-label-reason = سبب الإلغاء
cancel-calendar = يحذف ملف التقويم المرفق (invite.ics) الاجتماع من تقويمكم.
cancel-apology = نعتذر عن أي إزعاج قد يسببه ذلك.

## ملف التقويم (invite.ics)

calendar-summary-cancelled = أُلغي: { $title }
calendar-join = المشاركة عن بُعد: { $link }
calendar-reply = ردكم: { $link }
calendar-reason = سبب الإلغاء: { $reason }
