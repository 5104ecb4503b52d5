# صفحات يراها من هم خارج الأمانة (المنسقون والمدعوون).

page-skip = الانتقال إلى المحتوى الرئيسي
# The language switcher on personal pages.
page-languages = اللغات
# After a secretariat text shown in English for want of a translation.
page-fallback = (بالإنجليزية)

## رابط شخصي لم يعد يفتح شيئًا

personal-unknown-title = هذا الرابط لا يعمل
personal-unknown-why = هذا الرابط الشخصي غير معروف. ربما نُسخ من البريد الإلكتروني بشكل غير كامل: افتحه مرة أخرى كاملًا من البريد الإلكتروني.
personal-withdrawn-title = تم سحب هذا الرابط
personal-withdrawn-why = سحبت الأمانة هذا الرابط الشخصي، أو أرسلت إليك رابطًا أحدث. استخدم الرابط الوارد في آخر بريد إلكتروني تلقيته.
personal-expired-title = انتهت صلاحية هذا الرابط
personal-expired-why = انتهت صلاحية هذا الرابط الشخصي: فقد انتهت المشاورة التي كان يخصها.
personal-contact = إذا كنت بحاجة إلى رابط جديد، يُرجى التواصل مع الأمانة بالرد على البريد الإلكتروني الذي تلقيته.
personal-contact-address = إذا كنت بحاجة إلى رابط جديد، يُرجى التواصل مع الأمانة:
# A form of a personal page sent without its anti-forgery token (an old tab, cookies cleared).
personal-form-expired-title = انتهت صلاحية هذه الاستمارة
personal-form-expired-why = لم يُحفظ شيء: انتهت صلاحية هذه الاستمارة أو لم تُرسَل من هذه الصفحة. يُرجى فتح الصفحة مجددًا من الرابط الوارد في بريدكم الإلكتروني، ثم إرسال ردكم مرة أخرى.

## استمارة المواعيد المتاحة للمنسق

form-title = { $group }: المواعيد المتاحة لـ { $title }
form-lead = المواعيد المتاحة لـ { $group }
form-not-saved = لم يُحفظ الرد.
form-purpose = الغرض
form-organiser = الجهة المنظمة
form-dates = التواريخ الممكنة
form-dates-value = من { $start } إلى { $end }
form-sessions = الجلسات
form-sessions-value = { $first } و{ $second } ({ $zone })
form-deadline = الرد قبل
form-your-answer = رد مجموعتكم
form-not-given = لم يُقدَّم بعد
form-saved-version = الصيغة { $version }، حُفظت في { $at }
form-private = لا يطّلع على هذا الرد سوى الأمانة. هذا الرابط شخصي: يُرجى عدم إعادة توجيهه.
form-read-only = أُغلقت المشاورة. هذا هو رد مجموعتكم كما حُفظ آخر مرة؛ ولم يعد من الممكن تغييره.
form-days = الأيام
form-hint-day = لكل يوم: ✓ متاح، ~ متاح عند الضرورة، ✗ غير متاح. الأوقات بتوقيت { $zone }.
form-hint-half-day = لكل نصف يوم: ✓ متاح، ~ متاح عند الضرورة، ✗ غير متاح. الأوقات بتوقيت { $zone }.
form-fill-all = جميع الأيام دفعة واحدة:
form-fill-week = أسبوع واحد:
form-week-of = أسبوع { $date }
form-duration = المدة
form-accepted = المدد التي يمكن لمجموعتكم قبولها (واحدة على الأقل)
form-preferred = المدة المفضلة
form-no-preference = لا تفضيل
form-modality-comment = الشكل والتعليق
form-modality = الشكل المفضل
form-comment = تعليق للأمانة (اختياري)
form-save = حفظ الرد
form-saved-notice = شكرًا. حُفظ رد مجموعتكم بوصفه الصيغة { $version }. يمكنكم تغييره حتى الموعد النهائي.
form-closed-notice = أُغلقت المشاورة: لم يعد من الممكن تغيير الردود. لم يُحفظ شيء.
form-filled = تم الملء. لم يُحفظ شيء بعد: راجعوا الأيام، ثم اضغطوا «حفظ الرد».
form-fill-unknown = لم يُفهم هذا الملء السريع؛ لم يتغير شيء.
form-choice-yes = متاح
form-choice-maybe = عند الضرورة
form-choice-no = غير متاح
form-short-yes = نعم
form-short-maybe = عند الضرورة
form-short-no = لا
form-half-am = ، صباحًا
form-half-pm = ، بعد الظهر
form-in-person = حضوريًا
form-hybrid = مختلط (حضوريًا وعبر الإنترنت)
form-virtual = افتراضي (عبر الإنترنت فقط)
form-days-count = { $count ->
    [zero] { $count } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
form-half-a-day = نصف يوم
form-days-and-half = { $days } يوم ونصف
form-error-units = لا تزال { $count } من الأيام دون رد (أولها { $first }). اختاروا لكل يوم متاح أو عند الضرورة أو غير متاح، أو استخدموا الملء السريع.
form-error-half-units = لا تزال { $count } من أنصاف الأيام دون رد (أولها { $first }). اختاروا لكل نصف يوم متاح أو عند الضرورة أو غير متاح، أو استخدموا الملء السريع.
form-error-accepted = ضعوا علامة على مدة واحدة على الأقل يمكن لمجموعتكم قبولها: من دونها ستُعدّ مجموعتكم غير متاحة في جميع المواعيد.
form-error-preferred = يجب أن تكون المدة المفضلة إحدى المدد التي تقبلها مجموعتكم.
form-error-modality = اختاروا أحد الأشكال المقترحة.
form-error-comment = لا يتجاوز التعليق { $max } حرفًا، ومن دون رموز تحكم.

## صفحة رد الجهة المدعوة

reply-page-title = الرد: { $title }
# Before the invited party's name, in bold.
reply-invitation-for = دعوة موجهة إلى
reply-saved-notice = شكرًا لكم: حُفظ ردكم. ويطّلع على هذا الرد جميع المدعوين باسم { $invitee }، ويمكنهم تغييره حتى بدء الاجتماع.
reply-started = بدأ الاجتماع، ولذلك لم يعد من الممكن تغيير الرد.
reply-cancelled = أُلغي هذا الاجتماع، ولذلك أُغلق باب الردود.
reply-not-open = باب الردود على هذه الدعوة غير مفتوح.
reply-nothing-saved = لم يُحفظ شيء.
reply-not-saved = لم يُحفظ ردكم.
reply-correct-fields = يُرجى تصحيح الحقول المشار إليها أدناه.
reply-purpose = الغرض
reply-organiser = الجهة المنظمة
reply-invited = الجهة المدعوة
reply-starts = البداية
reply-ends = النهاية
reply-modality = طريقة الانعقاد
reply-modalities = طرق الانعقاد المقترحة
reply-venue = المكان
reply-remote-link = رابط المشاركة عن بُعد
reply-personal-link = هذا الرابط شخصي ومخصص لـ { $recipient }: يُرجى عدم إعادة توجيهه. ويقدّم جميع المدعوين باسم { $invitee } ردًا واحدًا مشتركًا، ويُعتدّ بآخر رد محفوظ.
reply-heading = رد { $invitee }
reply-attendance = المشاركة
reply-delegation = الوفد
reply-nobody-named = لم يُذكر أي شخص
reply-note = ملاحظة
reply-last-saved = آخر حفظ
# After “Last saved”: who saved the reply, and when (a date and time in the meeting's zone).
reply-saved-by = بواسطة { $by }، { $at }
reply-no-reply = لم يُقدَّم أي رد بعد.
reply-will-attend = مشاركة { $invitee } في الاجتماع
reply-in-person = المشاركة حضوريًا
reply-remote = المشاركة عن بُعد
reply-not-attending = عدم المشاركة
reply-delegation-hint = الأشخاص الذين سيشاركون باسم { $invitee }، مع وظائفهم. لا تُحتسب الصفوف الفارغة، ولا يُحتفظ بأي وفد في حالة عدم المشاركة. لذكر أشخاص آخرين، احفظوا الرد: فتظهر ثلاثة صفوف فارغة أخرى.
reply-name = الاسم
reply-function = الوظيفة
# Read by screen readers after “Name” or “Function”: which row of the delegation.
reply-of-delegate = لعضو الوفد رقم { $number }
reply-note-label = ملاحظة إلى الأمانة (اختيارية)
reply-save = حفظ الرد
# Validation messages, shown at the field they are about.
reply-error-no-response = يُرجى بيان ما إذا كنتم ستشاركون في الاجتماع.
reply-error-online-only = يُعقد هذا الاجتماع عبر الإنترنت فقط.
reply-error-no-remote = لا يمكن متابعة هذا الاجتماع عن بُعد.
reply-error-nameless-delegate = يُرجى ذكر اسم الشخص الذي يشغل وظيفة «{ $function }».
reply-error-delegate-too-long = لا يتجاوز كل اسم وكل وظيفة { $max ->
    [one] حرفًا واحدًا
    [two] حرفين
    [few] { $max } أحرف
    [many] { $max } حرفًا
   *[other] { $max } حرف
}.
reply-error-too-many-delegates = لا يتجاوز عدد أعضاء الوفد { $max ->
    [one] عضوًا واحدًا
    [two] عضوين
    [few] { $max } أعضاء
    [many] { $max } عضوًا
   *[other] { $max } عضو
}.
reply-error-note-too-long = لا تتجاوز الملاحظة { $max ->
    [one] حرفًا واحدًا
    [two] حرفين
    [few] { $max } أحرف
    [many] { $max } حرفًا
   *[other] { $max } حرف
}.
reply-error-delegate-characters = يُرجى كتابة كل اسم وكل وظيفة على سطر واحد، من دون رموز تحكم.
reply-error-note-characters = يُرجى حذف رموز التحكم (مثل NUL) من الملاحظة.
