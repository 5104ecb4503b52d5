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
