# Страницы для тех, кто не работает в секретариате (координаторы, приглашённые).

page-skip = Перейти к основному содержанию
# The language switcher on personal pages.
page-languages = Языки
# After a secretariat text shown in English for want of a translation.
page-fallback = (на английском)

## Персональная ссылка, которая больше ничего не открывает

personal-unknown-title = Эта ссылка не работает
personal-unknown-why = Эта персональная ссылка неизвестна. Возможно, она была скопирована из письма не полностью: откройте её снова из письма целиком.
personal-withdrawn-title = Эта ссылка отозвана
personal-withdrawn-why = Секретариат отозвал эту персональную ссылку или прислал вам более новую. Воспользуйтесь ссылкой из последнего полученного письма.
personal-expired-title = Срок действия ссылки истёк
personal-expired-why = Срок действия этой персональной ссылки истёк: консультация, к которой она относилась, завершена.
personal-contact = Если вам нужна новая ссылка, свяжитесь с секретариатом, ответив на полученное письмо.
personal-contact-address = Если вам нужна новая ссылка, свяжитесь с секретариатом:
# A form of a personal page sent without its anti-forgery token (an old tab, cookies cleared).
personal-form-expired-title = Срок действия формы истёк
personal-form-expired-why = Ничего не сохранено: срок действия этой формы истёк, или она отправлена не с этой страницы. Откройте страницу снова по ссылке из Вашего письма и отправьте ответ ещё раз.

## Форма доступности для координатора

form-title = { $group }: доступность для мероприятия «{ $title }»
form-lead = Доступность: { $group }
form-not-saved = Ответ не сохранён.
form-purpose = Цель
form-organiser = Организатор
form-dates = Возможные даты
form-dates-value = с { $start } по { $end }
form-sessions = Заседания
form-sessions-value = { $first } и { $second } ({ $zone })
form-deadline = Ответить до
form-your-answer = Ответ вашей группы
form-not-given = ещё не дан
form-saved-version = Версия { $version }, сохранена { $at }
form-private = Этот ответ видит только секретариат. Это персональная ссылка: пожалуйста, не пересылайте её.
form-read-only = Консультация закрыта. Это последний сохранённый ответ вашей группы; изменить его больше нельзя.
form-days = Дни
form-hint-day = Для каждого дня: ✓ доступно, ~ доступно при необходимости, ✗ недоступно. Время указано по { $zone }.
form-hint-half-day = Для каждой половины дня: ✓ доступно, ~ доступно при необходимости, ✗ недоступно. Время указано по { $zone }.
form-fill-all = Все дни сразу:
form-fill-week = Одна неделя:
form-week-of = Неделя с { $date }
form-duration = Продолжительность
form-accepted = Продолжительность, приемлемая для вашей группы (хотя бы одна)
form-preferred = Предпочтительная продолжительность
form-no-preference = Без предпочтений
form-modality-comment = Формат и комментарий
form-modality = Предпочтительный формат
form-comment = Комментарий для секретариата (необязательно)
form-save = Сохранить ответ
form-saved-notice = Спасибо. Ответ вашей группы сохранён (версия { $version }). Его можно изменить до окончания срока.
form-closed-notice = Консультация закрыта: ответы больше нельзя изменить. Ничего не сохранено.
form-filled = Заполнено. Пока ничего не сохранено: проверьте дни и нажмите «Сохранить ответ».
form-fill-unknown = Быстрое заполнение не распознано; ничего не изменилось.
form-choice-yes = Доступно
form-choice-maybe = При необходимости
form-choice-no = Недоступно
form-short-yes = Да
form-short-maybe = При необходимости
form-short-no = Нет
form-half-am = , утро
form-half-pm = , вторая половина дня
form-in-person = Очно
form-hybrid = Гибридный (очно и онлайн)
form-virtual = Виртуальный (только онлайн)
form-days-count = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[other] { $count } дней
}
form-half-a-day = половина дня
form-days-and-half = { $days },5 дня
form-error-units = Без ответа { $count ->
    [one] остаётся { $count } день
    [few] остаются { $count } дня
   *[other] остаются { $count } дней
} (первый: { $first }). Выберите для каждого «доступно», «при необходимости» или «недоступно» либо воспользуйтесь быстрым заполнением.
form-error-half-units = Без ответа { $count ->
    [one] остаётся { $count } половина дня
    [few] остаются { $count } половины дня
   *[other] остаются { $count } половин дня
} (первая: { $first }). Выберите для каждой «доступно», «при необходимости» или «недоступно» либо воспользуйтесь быстрым заполнением.
form-error-accepted = Отметьте хотя бы одну продолжительность, приемлемую для вашей группы: без неё ваша группа будет считаться недоступной для всех дат.
form-error-preferred = Предпочтительная продолжительность должна быть одной из приемлемых для вашей группы.
form-error-modality = Выберите один из предложенных форматов.
form-error-comment = Комментарий — не более { $max } символов, без управляющих символов.

## Страница ответа приглашённой стороны

reply-page-title = Ответ: { $title }
# Before the invited party's name, in bold.
reply-invitation-for = Адресат приглашения:
reply-saved-notice = Благодарим Вас: Ваш ответ сохранён. Все лица, приглашённые от имени делегации ({ $invitee }), видят этот ответ и могут изменить его до начала совещания.
reply-started = Совещание началось, поэтому ответ больше нельзя изменить.
reply-cancelled = Это совещание отменено, поэтому приём ответов закрыт.
reply-not-open = Приём ответов на это приглашение не открыт.
reply-nothing-saved = Ничего не сохранено.
reply-not-saved = Ваш ответ не сохранён.
reply-correct-fields = Просим исправить поля, отмеченные ниже.
reply-purpose = Цель
reply-organiser = Организатор
reply-invited = Приглашённая сторона
reply-starts = Начало
reply-ends = Окончание
reply-modality = Формат
reply-modalities = Предлагаемые форматы
reply-venue = Место проведения
reply-remote-link = Ссылка для дистанционного участия
reply-personal-link = Эта ссылка является персональной и предназначена только для адресата ({ $recipient }): просим её не пересылать. Все лица, приглашённые от имени делегации ({ $invitee }), дают один общий ответ; действительным считается последний сохранённый.
reply-heading = Ответ делегации ({ $invitee })
reply-attendance = Участие
reply-delegation = Делегация
reply-nobody-named = никто не указан
reply-note = Примечание
reply-last-saved = Последнее сохранение
# After “Last saved”: who saved the reply, and when (a date and time in the meeting's zone).
reply-saved-by = { $by }, { $at }
reply-no-reply = Ответ ещё не дан.
reply-will-attend = Участие делегации ({ $invitee }) в совещании
reply-in-person = Очное участие
reply-remote = Дистанционное участие
reply-not-attending = Не примет участия
reply-delegation-hint = Лица, которые примут участие от имени делегации ({ $invitee }), с указанием должности. Пустые строки не учитываются; в случае неучастия состав делегации не сохраняется. Чтобы указать других лиц, сохраните ответ: появятся ещё три пустые строки.
reply-name = Имя и фамилия
reply-function = Должность
# Read by screen readers after “Name” or “Function”: which row of the delegation.
reply-of-delegate = члена делегации № { $number }
reply-note-label = Примечание для Секретариата (необязательно)
reply-save = Сохранить ответ
# Validation messages, shown at the field they are about.
reply-error-no-response = Просим указать, примете ли Вы участие в совещании.
reply-error-online-only = Это совещание проводится только в режиме онлайн.
reply-error-no-remote = Дистанционное участие в этом совещании не предусмотрено.
reply-error-nameless-delegate = Просим указать имя и фамилию лица, занимающего должность «{ $function }».
reply-error-delegate-too-long = Имя и фамилия или должность — не более { $max ->
    [one] { $max } символа
   *[other] { $max } символов
}.
reply-error-too-many-delegates = В составе делегации — не более { $max ->
    [one] { $max } человека
   *[other] { $max } человек
}.
reply-error-note-too-long = Примечание — не более { $max ->
    [one] { $max } символа
   *[other] { $max } символов
}.
reply-error-delegate-characters = Указывайте каждое имя и каждую должность в одну строку, без управляющих символов.
reply-error-note-characters = Удалите из примечания управляющие символы (например, NUL).
