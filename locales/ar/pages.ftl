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
