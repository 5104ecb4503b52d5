## Común a todos los mensajes

email-greeting-named = Estimado/a { $name }:
email-greeting-coordinator = Estimado/a coordinador/a:
email-greeting-formal = Estimado/a señor/a:
email-signature-thanks = Con nuestro agradecimiento y atentos saludos,
email-signature = Con atentos saludos,
email-secretariat = La Secretaría
email-personal-link = Este enlace es personal: le rogamos que no lo reenvíe.
email-personal-link-group = Cualquier persona que lo tenga puede responder en nombre de su grupo.
email-personal-link-self = Cualquier persona que lo tenga puede responder en su nombre.
# What stands between a label and its value on one line of a plain-text email.
email-field-separator = { ": " }

## Etiquetas

email-label-meeting = Reunión
email-label-purpose = Objetivo
email-label-organiser = Organizador
email-label-group = Grupo regional
email-label-period = Período considerado
email-label-deadline = Plazo de respuesta
email-label-start = Inicio
email-label-end = Fin
email-label-dates = { $count ->
    [1] Fecha
   *[other] Fechas
}
email-label-duration = Duración
email-days-count = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
email-label-modality = Modalidad
email-label-modalities = Modalidades propuestas
email-label-venue = Lugar
email-label-join = Participación a distancia
email-label-meeting-days = Días de reunión
email-no-other-days = No hay sesiones los demás días.
email-meeting-days-heading = Días de reunión (no hay sesiones los demás días):

## Modalidades

modality-in-person = Presencial
modality-hybrid = Híbrida (presencial y en línea)
modality-virtual = Virtual (solo en línea)

## coordinator_link

coordinator-link-subject = Consulta sobre las fechas de la reunión «{ $title }» — { $group }
coordinator-link-intro = Se está preparando una reunión informal ad hoc y desearíamos consultar a su grupo ({ $group }), por su intermedio como coordinador o coordinadora, sobre las fechas, la duración y demás modalidades de la reunión.
coordinator-link-ask = Le rogamos que indique la disponibilidad de su grupo en el formulario al que se accede mediante su enlace personal:
coordinator-form-button = Abrir el formulario de disponibilidad de su grupo
coordinator-link-revise = Puede guardar el formulario y volver a él más tarde; la respuesta de su grupo puede modificarse hasta el plazo indicado más arriba.

## coordinator_reminder

coordinator-reminder-subject = Recordatorio: consulta sobre las fechas de la reunión «{ $title }» — { $group }
coordinator-reminder-intro = Todavía no hemos recibido la disponibilidad de su grupo ({ $group }) para la reunión informal ad hoc que se describe a continuación. Le agradeceríamos que respondiera antes de que venza el plazo.
coordinator-reminder-ask = El formulario está disponible en su enlace personal:
coordinator-reminder-disregard = Si ha respondido en las últimas horas, le rogamos que no tenga en cuenta este recordatorio.

## consultation_outcome

outcome-subject = Resultado de la consulta sobre las fechas de la reunión «{ $title }» — { $group }
outcome-closed = La consulta sobre las fechas de la reunión informal ad hoc que se describe a continuación ha concluido. Le agradecemos la respuesta que nos hizo llegar en nombre de su grupo ({ $group }).
outcome-approved = Teniendo en cuenta las respuestas de los grupos, la Secretaría ha aprobado las fechas siguientes:
outcome-invitations-follow = Posteriormente se cursarán las invitaciones oficiales a todos los Estados miembros y organizaciones.

## invitation

invitation-subject = Invitación a la reunión «{ $title }»
invitation-intro = Tenemos el honor de invitarle a participar en la reunión que se describe a continuación.
invitation-intro-on-behalf = Tenemos el honor de invitarle a participar, en nombre de la delegación que representa ({ $invitee }), en la reunión que se describe a continuación.
invitation-ask = Le rogamos que nos indique, mediante su enlace personal, si participará en la reunión:
invitation-reply-button = Responder a la invitación
invitation-link-only = Solo se registran las respuestas enviadas mediante este enlace: la aceptación o el rechazo expresados desde su calendario no nos llegan.
invitation-calendar = El archivo de calendario adjunto (invite.ics) permite añadir la reunión a su calendario.

## invitation_update

update-subject = Invitación modificada: reunión «{ $title }»
update-intro = Se han modificado las disposiciones relativas a la reunión a la que tuvimos el honor de invitarle. El presente mensaje sustituye a la invitación anterior; la información que figura a continuación es la que se aplica en adelante.
update-intro-on-behalf = Se han modificado las disposiciones relativas a la reunión a la que tuvimos el honor de invitarle en nombre de la delegación que representa ({ $invitee }). El presente mensaje sustituye a la invitación anterior; la información que figura a continuación es la que se aplica en adelante.
update-label-change = Cambios introducidos
update-ask = Si ya ha respondido, le rogamos que compruebe mediante su enlace personal que su respuesta sigue siendo válida; si aún no lo ha hecho, puede responder en el mismo enlace:
update-calendar = El archivo de calendario adjunto (invite.ics) actualiza la reunión en su calendario.

## invitation_cancel

cancel-subject = Cancelación de la reunión «{ $title }»
cancel-intro = Lamentamos comunicarle que la reunión que se describe a continuación, a la que tuvimos el honor de invitarle, ha sido cancelada y no se celebrará.
cancel-intro-on-behalf = Lamentamos comunicarle que la reunión que se describe a continuación, a la que tuvimos el honor de invitarle en nombre de la delegación que representa ({ $invitee }), ha sido cancelada y no se celebrará.
cancel-label-reason = Motivo de la cancelación
cancel-calendar = El archivo de calendario adjunto (invite.ics) elimina la reunión de su calendario.
cancel-apology = Le rogamos disculpe las molestias que esta cancelación pueda ocasionarle.

## Archivo de calendario (invite.ics)

calendar-summary-cancelled = Cancelada: { $title }
calendar-join = Participación a distancia: { $link }
calendar-reply = Su respuesta: { $link }
calendar-reason = Motivo de la cancelación: { $reason }
