## Commun à tous les messages

# Le français de la correspondance diplomatique salue sans nommer.
email-greeting-named = Madame, Monsieur,
email-greeting-coordinator = Madame, Monsieur,
email-greeting-formal = Madame, Monsieur,
email-signature-thanks = Avec nos remerciements et nos meilleures salutations,
email-signature = Avec nos meilleures salutations,
email-secretariat = Le Secrétariat
email-personal-link = Ce lien vous est personnel : merci de ne pas le transférer.
email-personal-link-group = Toute personne qui le détient peut répondre au nom de votre groupe.
email-personal-link-self = Toute personne qui le détient peut répondre en votre nom.
# What stands between a label and its value on one line of a plain-text email.
email-field-separator = { " : " }

## Libellés

email-label-meeting = Réunion
email-label-purpose = Objet
email-label-organiser = Organisateur
email-label-group = Groupe régional
email-label-period = Période envisagée
email-label-deadline = Date limite de réponse
email-label-start = Début
email-label-end = Fin
email-label-dates = { $count ->
    [1] Date
   *[other] Dates
}
email-label-duration = Durée
email-days-count = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
email-label-modality = Modalité
email-label-modalities = Modalités proposées
email-label-venue = Lieu
email-label-join = Participation à distance
email-label-meeting-days = Jours de réunion
email-no-other-days = Aucune séance les autres jours.
email-meeting-days-heading = Jours de réunion (aucune séance les autres jours) :

## Modalités

modality-in-person = En présentiel
modality-hybrid = Hybride (en présentiel et en ligne)
modality-virtual = Virtuelle (en ligne uniquement)

## coordinator_link

coordinator-link-subject = Consultation sur la date de la réunion « { $title } » — { $group }
coordinator-link-intro = Une réunion informelle ad hoc est en préparation. Nous souhaitons consulter votre groupe ({ $group }), par votre intermédiaire en tant que coordonnateur ou coordonnatrice, sur la date, la durée et les autres modalités de cette réunion.
coordinator-link-ask = Nous vous prions d'indiquer les disponibilités de votre groupe dans le formulaire accessible par votre lien personnel :
coordinator-form-button = Ouvrir le formulaire de disponibilités de votre groupe
coordinator-link-revise = Vous pouvez enregistrer le formulaire et y revenir plus tard ; la réponse de votre groupe peut être modifiée jusqu'à la date limite indiquée ci-dessus.

## coordinator_reminder

coordinator-reminder-subject = Rappel : consultation sur la date de la réunion « { $title } » — { $group }
coordinator-reminder-intro = Nous n'avons pas encore reçu les disponibilités de votre groupe ({ $group }) pour la réunion informelle ad hoc décrite ci-dessous. Nous vous serions reconnaissants de bien vouloir répondre avant la date limite.
coordinator-reminder-ask = Le formulaire est accessible par votre lien personnel :
coordinator-reminder-disregard = Si vous avez répondu au cours des dernières heures, nous vous prions de ne pas tenir compte de ce rappel.

## consultation_outcome

outcome-subject = Résultat de la consultation sur la date de la réunion « { $title } » — { $group }
outcome-closed = La consultation sur la date de la réunion informelle ad hoc décrite ci-dessous est close. Nous vous remercions de la réponse que vous nous avez communiquée au nom de votre groupe ({ $group }).
outcome-approved = Compte tenu des réponses des groupes, le Secrétariat a arrêté les dates suivantes :
outcome-invitations-follow = Les invitations officielles seront ensuite adressées à l'ensemble des États membres et des organisations.

## invitation

invitation-subject = Invitation à la réunion « { $title } »
invitation-intro = Nous avons l'honneur de vous inviter à participer à la réunion décrite ci-dessous.
invitation-intro-on-behalf = Nous avons l'honneur de vous inviter à participer, au nom de la délégation que vous représentez ({ $invitee }), à la réunion décrite ci-dessous.
invitation-ask = Nous vous prions de bien vouloir nous indiquer, au moyen de votre lien personnel, si vous participerez à la réunion :
invitation-reply-button = Répondre à l'invitation
invitation-link-only = Seules les réponses données par ce lien sont enregistrées : une acceptation ou un refus exprimé depuis votre agenda ne nous parvient pas.
invitation-calendar = Le fichier d'agenda joint (invite.ics) permet d'ajouter la réunion à votre agenda.

## invitation_update

update-subject = Invitation modifiée : réunion « { $title } »
update-intro = Les dispositions relatives à la réunion à laquelle nous avons eu l'honneur de vous inviter ont été modifiées. Le présent message remplace l'invitation précédente ; les informations ci-dessous sont celles qui s'appliquent désormais.
update-intro-on-behalf = Les dispositions relatives à la réunion à laquelle nous avons eu l'honneur de vous inviter au nom de la délégation que vous représentez ({ $invitee }) ont été modifiées. Le présent message remplace l'invitation précédente ; les informations ci-dessous sont celles qui s'appliquent désormais.
update-label-change = Nature de la modification
update-ask = Si vous avez déjà répondu, nous vous prions de vérifier, au moyen de votre lien personnel, que votre réponse reste valable ; si vous n'avez pas encore répondu, vous pouvez le faire au même lien :
update-calendar = Le fichier d'agenda joint (invite.ics) met à jour la réunion dans votre agenda.

## invitation_cancel

cancel-subject = Annulation de la réunion « { $title } »
cancel-intro = Nous avons le regret de vous informer que la réunion décrite ci-dessous, à laquelle nous avions eu l'honneur de vous inviter, est annulée et n'aura pas lieu.
cancel-intro-on-behalf = Nous avons le regret de vous informer que la réunion décrite ci-dessous, à laquelle nous avions eu l'honneur de vous inviter au nom de la délégation que vous représentez ({ $invitee }), est annulée et n'aura pas lieu.
cancel-label-reason = Motif de l'annulation
cancel-calendar = Le fichier d'agenda joint (invite.ics) retire la réunion de votre agenda.
cancel-apology = Nous vous prions de bien vouloir nous excuser des désagréments que cette annulation pourrait vous occasionner.

## Fichier d'agenda (invite.ics)

calendar-summary-cancelled = Annulée : { $title }
calendar-join = Participation à distance : { $link }
calendar-reply = Votre réponse : { $link }
calendar-reason = Motif de l'annulation : { $reason }
