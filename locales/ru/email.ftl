## Общее для всех писем

email-greeting-named = Уважаемый(-ая) { $name }!
email-greeting-coordinator = Уважаемый(-ая) координатор!
email-greeting-formal = Уважаемые дамы и господа!
email-signature-thanks = С благодарностью и уважением,
email-signature = С уважением,
email-secretariat = Секретариат
email-personal-link = Эта ссылка является персональной: просим Вас не пересылать её.
email-personal-link-group = Любой, у кого она есть, может ответить от имени Вашей группы.
email-personal-link-self = Любой, у кого она есть, может ответить от Вашего имени.
# What stands between a label and its value on one line of a plain-text email.
email-field-separator = { ": " }

## Подписи полей

email-label-meeting = Совещание
email-label-purpose = Цель
email-label-organiser = Организатор
email-label-group = Региональная группа
email-label-period = Рассматриваемый период
email-label-deadline = Срок ответа
email-label-start = Начало
email-label-end = Окончание
email-label-dates = { $count ->
    [1] Дата
   *[other] Даты
}
email-label-duration = Продолжительность
email-days-count = { $count ->
    [one] { $count } день
    [few] { $count } дня
    [many] { $count } дней
   *[other] { $count } дня
}
email-label-modality = Формат
email-label-modalities = Предлагаемые форматы
email-label-venue = Место проведения
email-label-join = Дистанционное участие
email-label-meeting-days = Дни заседаний
email-no-other-days = В другие дни заседаний нет.
email-meeting-days-heading = Дни заседаний (в другие дни заседаний нет):

## Форматы участия

modality-in-person = Очно
modality-hybrid = Гибридный формат (очно и онлайн)
modality-virtual = Виртуально (только онлайн)

## coordinator_link

coordinator-link-subject = Консультации о сроках совещания «{ $title }» — { $group }
coordinator-link-intro = Готовится специальное неофициальное совещание, и мы хотели бы через Вас как координатора проконсультироваться с Вашей группой ({ $group }) о сроках, продолжительности и других условиях проведения совещания.
coordinator-link-ask = Просим Вас указать возможности Вашей группы в форме, доступной по Вашей персональной ссылке:
coordinator-form-button = Открыть форму Вашей группы
coordinator-link-revise = Вы можете сохранить форму и вернуться к ней позднее; ответ Вашей группы можно изменять до указанного выше срока.

## coordinator_reminder

coordinator-reminder-subject = Напоминание: консультации о сроках совещания «{ $title }» — { $group }
coordinator-reminder-intro = Мы ещё не получили ответа Вашей группы ({ $group }) о её возможностях в связи со специальным неофициальным совещанием, описанным ниже. Будем признательны за ответ до истечения срока.
coordinator-reminder-ask = Форма доступна по Вашей персональной ссылке:
coordinator-reminder-disregard = Если Вы ответили в последние несколько часов, просим не принимать это напоминание во внимание.

## consultation_outcome

outcome-subject = Итоги консультаций о сроках совещания «{ $title }» — { $group }
outcome-closed = Консультации о сроках специального неофициального совещания, описанного ниже, завершены. Благодарим Вас за ответ, представленный от имени Вашей группы ({ $group }).
outcome-approved = Рассмотрев ответы групп, Секретариат утвердил следующие даты:
outcome-invitations-follow = Официальные приглашения всем государствам-членам и организациям будут направлены позднее.

## invitation

invitation-subject = Приглашение на совещание «{ $title }»
invitation-intro = Имеем честь пригласить Вас принять участие в совещании, описанном ниже.
invitation-intro-on-behalf = Имеем честь пригласить Вас принять участие от имени представляемой Вами делегации ({ $invitee }) в совещании, описанном ниже.
invitation-ask = Просим Вас сообщить по Вашей персональной ссылке, примете ли Вы участие в совещании:
invitation-reply-button = Ответить на приглашение
invitation-link-only = Ответы принимаются только по этой ссылке: согласие или отказ, отправленные из Вашего календаря, до нас не доходят.
invitation-calendar = Прилагаемый файл календаря (invite.ics) позволяет добавить совещание в Ваш календарь.

## invitation_update

update-subject = Изменённое приглашение: совещание «{ $title }»
update-intro = Условия проведения совещания, на которое мы имели честь Вас пригласить, изменились. Настоящее письмо заменяет предыдущее приглашение; ниже приведены действующие сведения.
update-intro-on-behalf = Условия проведения совещания, на которое мы имели честь пригласить Вас от имени представляемой Вами делегации ({ $invitee }), изменились. Настоящее письмо заменяет предыдущее приглашение; ниже приведены действующие сведения.
update-label-change = Что изменилось
update-ask = Если Вы уже ответили, просим проверить по Вашей персональной ссылке, остаётся ли Ваш ответ в силе; если Вы ещё не ответили, Вы можете сделать это по той же ссылке:
update-calendar = Прилагаемый файл календаря (invite.ics) обновляет совещание в Вашем календаре.

## invitation_cancel

cancel-subject = Отмена совещания «{ $title }»
cancel-intro = С сожалением сообщаем, что описанное ниже совещание, на которое мы имели честь Вас пригласить, отменено и не состоится.
cancel-intro-on-behalf = С сожалением сообщаем, что описанное ниже совещание, на которое мы имели честь пригласить Вас от имени представляемой Вами делегации ({ $invitee }), отменено и не состоится.
cancel-label-reason = Причина отмены
cancel-calendar = Прилагаемый файл календаря (invite.ics) удаляет совещание из Вашего календаря.
cancel-apology = Приносим извинения за возможные неудобства.

## Файл календаря (invite.ics)

calendar-summary-cancelled = Отменено: { $title }
calendar-join = Дистанционное участие: { $link }
calendar-reply = Ваш ответ: { $link }
calendar-reason = Причина отмены: { $reason }
