# Páginas que ven las personas ajenas a la Secretaría (coordinadores, invitados).

page-skip = Ir al contenido principal
# The language switcher on personal pages.
page-languages = Idiomas
# After a secretariat text shown in English for want of a translation.
page-fallback = (en inglés)

## Un enlace personal que ya no abre nada

personal-unknown-title = Este enlace no funciona
personal-unknown-why = Este enlace personal no es conocido. Quizá se copió de forma incompleta desde el correo: vuelva a abrirlo, completo, desde el correo.
personal-withdrawn-title = Este enlace ha sido retirado
personal-withdrawn-why = La Secretaría ha retirado este enlace personal o le ha enviado uno más reciente. Utilice el enlace del último correo recibido.
personal-expired-title = Este enlace ha caducado
personal-expired-why = Este enlace personal ha caducado: la consulta a la que pertenecía ha terminado.
personal-contact = Si necesita un nuevo enlace, póngase en contacto con la Secretaría respondiendo al correo recibido.
personal-contact-address = Si necesita un nuevo enlace, póngase en contacto con la Secretaría:
# A form of a personal page sent without its anti-forgery token (an old tab, cookies cleared).
personal-form-expired-title = Este formulario ha caducado
personal-form-expired-why = No se ha registrado nada: este formulario ha caducado o no procede de esta página. Abra de nuevo la página mediante el enlace de su correo electrónico y vuelva a enviar su respuesta.

## El formulario de disponibilidad del coordinador

form-title = { $group }: disponibilidad para { $title }
form-lead = Disponibilidad del { $group }
form-not-saved = La respuesta no se ha guardado.
form-purpose = Objeto
form-organiser = Organizador
form-dates = Fechas posibles
form-dates-value = del { $start } al { $end }
form-sessions = Sesiones
form-sessions-value = { $first } y { $second } ({ $zone })
form-deadline = Responder antes del
form-your-answer = Respuesta de su grupo
form-not-given = aún no dada
form-saved-version = Versión { $version }, guardada el { $at }
form-private = Solo la Secretaría ve esta respuesta. Este enlace es personal: le rogamos que no lo reenvíe.
form-read-only = La consulta está cerrada. Esta es la respuesta de su grupo tal como se guardó por última vez; ya no puede modificarse.
form-days = Días
form-hint-day = Para cada día: ✓ disponible, ~ disponible si es necesario, ✗ no disponible. Las horas son las de { $zone }.
form-hint-half-day = Para cada media jornada: ✓ disponible, ~ disponible si es necesario, ✗ no disponible. Las horas son las de { $zone }.
form-fill-all = Todos los días a la vez:
form-fill-week = Una semana:
form-week-of = Semana del { $date }
form-duration = Duración
form-accepted = Duraciones que su grupo puede aceptar (al menos una)
form-preferred = Duración preferida
form-no-preference = Sin preferencia
form-modality-comment = Modalidad y comentario
form-modality = Modalidad preferida
form-comment = Comentario para la Secretaría (opcional)
form-save = Guardar la respuesta
form-saved-notice = Gracias. La respuesta de su grupo se ha guardado (versión { $version }). Puede modificarla hasta la fecha límite.
form-closed-notice = La consulta está cerrada: las respuestas ya no pueden modificarse. No se ha guardado nada.
form-filled = Rellenado. Aún no se ha guardado nada: revise los días y pulse «Guardar la respuesta».
form-fill-unknown = No se entendió ese relleno rápido; nada ha cambiado.
form-choice-yes = Disponible
form-choice-maybe = Si es necesario
form-choice-no = No disponible
form-short-yes = Sí
form-short-maybe = Si es necesario
form-short-no = No
form-half-am = , mañana
form-half-pm = , tarde
form-in-person = Presencial
form-hybrid = Híbrida (presencial y en línea)
form-virtual = Virtual (solo en línea)
form-days-count = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
form-half-a-day = media jornada
form-days-and-half = { $days },5 días
form-error-units = { $count ->
    [one] Un día sigue
   *[other] { $count } días siguen
} sin respuesta (el primero: { $first }). Elija disponible, si es necesario o no disponible para cada uno, o utilice el relleno rápido.
form-error-half-units = { $count ->
    [one] Una media jornada sigue
   *[other] { $count } medias jornadas siguen
} sin respuesta (la primera: { $first }). Elija disponible, si es necesario o no disponible para cada una, o utilice el relleno rápido.
form-error-accepted = Marque al menos una duración que su grupo pueda aceptar: sin ninguna, su grupo contaría como no disponible para todas las fechas.
form-error-preferred = La duración preferida debe ser una de las que su grupo acepta.
form-error-modality = Elija una de las modalidades propuestas.
form-error-comment = Un comentario tiene como máximo { $max } caracteres, sin caracteres de control.

## La página de respuesta de la parte invitada

reply-page-title = Respuesta: { $title }
# Before the invited party's name, in bold.
reply-invitation-for = Invitación dirigida a
reply-saved-notice = Le agradecemos su respuesta, que ha quedado registrada. Todas las personas invitadas en nombre de { $invitee } ven esta respuesta y pueden modificarla hasta el inicio de la reunión.
reply-started = La reunión ya ha comenzado: la respuesta ya no puede modificarse.
reply-cancelled = Esta reunión ha sido cancelada: ya no se admiten respuestas.
reply-not-open = Las respuestas a esta invitación no están abiertas.
reply-nothing-saved = No se ha registrado nada.
reply-not-saved = Su respuesta no se ha registrado.
reply-correct-fields = Le rogamos que corrija los campos señalados a continuación.
reply-purpose = Objetivo
reply-organiser = Organizador
reply-invited = Parte invitada
reply-starts = Inicio
reply-ends = Fin
reply-modality = Modalidad
reply-modalities = Modalidades propuestas
reply-venue = Lugar
reply-remote-link = Participación a distancia
reply-personal-link = Este enlace es personal y está reservado a { $recipient }: le rogamos que no lo reenvíe. Las personas invitadas en nombre de { $invitee } dan una única respuesta común; la última registrada es la que cuenta.
reply-heading = La respuesta de { $invitee }
reply-attendance = Participación
reply-delegation = Delegación
reply-nobody-named = ninguna persona indicada
reply-note = Nota
reply-last-saved = Último registro
# After “Last saved”: who saved the reply, and when (a date and time in the meeting's zone).
reply-saved-by = por { $by }, el { $at }
reply-no-reply = Todavía no se ha dado ninguna respuesta.
reply-will-attend = Participación de { $invitee } en la reunión
reply-in-person = Presencial
reply-remote = A distancia
reply-not-attending = No participará
reply-delegation-hint = Las personas que participarán en nombre de { $invitee }, con su cargo. Las filas vacías no se tienen en cuenta; si no se participa, no se conserva ninguna delegación. Para indicar más personas, guarde: aparecerán tres filas vacías más.
reply-name = Nombre
reply-function = Cargo
# Read by screen readers after “Name” or “Function”: which row of the delegation.
reply-of-delegate = de la persona { $number }
reply-note-label = Nota para la Secretaría (opcional)
reply-save = Guardar la respuesta
# Validation messages, shown at the field they are about.
reply-error-no-response = Le rogamos que indique si participará en la reunión.
reply-error-online-only = Esta reunión se celebra únicamente en línea.
reply-error-no-remote = Esta reunión no puede seguirse a distancia.
reply-error-nameless-delegate = Le rogamos que indique el nombre de la persona cuyo cargo es «{ $function }».
reply-error-delegate-too-long = Los nombres y los cargos tienen como máximo { $max } caracteres.
reply-error-too-many-delegates = Una delegación tiene como máximo { $max } miembros.
reply-error-note-too-long = La nota tiene como máximo { $max } caracteres.
reply-error-delegate-characters = Escriba cada nombre y cada cargo en una línea, sin caracteres de control.
reply-error-note-characters = Quite los caracteres de control (como NUL) de la nota.
