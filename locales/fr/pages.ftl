# Pages vues par les personnes extérieures au secrétariat (coordinateurs, invités).

page-skip = Aller au contenu principal
# The language switcher on personal pages.
page-languages = Langues
# After a secretariat text shown in English for want of a translation.
page-fallback = (en anglais)

## Un lien personnel qui n'ouvre plus rien

personal-unknown-title = Ce lien ne fonctionne pas
personal-unknown-why = Ce lien personnel est inconnu. Il a peut-être été copié de façon incomplète depuis le courriel : ouvrez-le à nouveau, en entier, depuis le courriel.
personal-withdrawn-title = Ce lien a été retiré
personal-withdrawn-why = Le secrétariat a retiré ce lien personnel, ou vous en a envoyé un plus récent. Utilisez le lien du dernier courriel reçu.
personal-expired-title = Ce lien a expiré
personal-expired-why = Ce lien personnel a expiré : la consultation à laquelle il appartenait est terminée.
personal-contact = Si vous avez besoin d'un nouveau lien, veuillez contacter le secrétariat en répondant au courriel reçu.
personal-contact-address = Si vous avez besoin d'un nouveau lien, veuillez contacter le secrétariat :
# A form of a personal page sent without its anti-forgery token (an old tab, cookies cleared).
personal-form-expired-title = Ce formulaire a expiré
personal-form-expired-why = Rien n’a été enregistré : ce formulaire a expiré ou ne provient pas de cette page. Ouvrez à nouveau la page au moyen du lien figurant dans votre courriel, puis envoyez de nouveau votre réponse.

## Le formulaire de disponibilités du coordinateur

form-title = { $group } : disponibilités pour { $title }
form-lead = Disponibilités du { $group }
form-not-saved = La réponse n'a pas été enregistrée.
form-purpose = Objet
form-organiser = Organisateur
form-dates = Dates possibles
form-dates-value = du { $start } au { $end }
form-sessions = Séances
form-sessions-value = { $first } et { $second } ({ $zone })
form-deadline = Répondre avant le
form-your-answer = Réponse de votre groupe
form-not-given = pas encore donnée
form-saved-version = Version { $version }, enregistrée le { $at }
form-private = Seul le secrétariat voit cette réponse. Ce lien est personnel : merci de ne pas le transférer.
form-read-only = La consultation est close. Voici la réponse de votre groupe telle qu'enregistrée en dernier ; elle ne peut plus être modifiée.
form-days = Jours
form-hint-day = Pour chaque jour : ✓ disponible, ~ disponible si nécessaire, ✗ indisponible. Les heures sont celles de { $zone }.
form-hint-half-day = Pour chaque demi-journée : ✓ disponible, ~ disponible si nécessaire, ✗ indisponible. Les heures sont celles de { $zone }.
form-fill-all = Tous les jours à la fois :
form-fill-week = Une semaine :
form-week-of = Semaine du { $date }
form-duration = Durée
form-accepted = Durées que votre groupe peut accepter (au moins une)
form-preferred = Durée préférée
form-no-preference = Pas de préférence
form-modality-comment = Modalité et commentaire
form-modality = Modalité préférée
form-comment = Commentaire pour le secrétariat (facultatif)
form-save = Enregistrer la réponse
form-saved-notice = Merci. La réponse de votre groupe a été enregistrée (version { $version }). Vous pouvez la modifier jusqu'à la date limite.
form-closed-notice = La consultation est close : les réponses ne peuvent plus être modifiées. Rien n'a été enregistré.
form-filled = Rempli. Rien n'est encore enregistré : vérifiez les jours, puis appuyez sur « Enregistrer la réponse ».
form-fill-unknown = Ce remplissage rapide n'a pas été compris ; rien n'a changé.
form-choice-yes = Disponible
form-choice-maybe = Si nécessaire
form-choice-no = Indisponible
form-short-yes = Oui
form-short-maybe = Si nécessaire
form-short-no = Non
form-half-am = , matin
form-half-pm = , après-midi
form-in-person = En présentiel
form-hybrid = Hybride (en présentiel et en ligne)
form-virtual = Virtuelle (en ligne uniquement)
form-days-count = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
form-half-a-day = une demi-journée
form-days-and-half = { $days },5 jours
form-error-units = { $count ->
    [one] Un jour est
   *[other] { $count } jours sont
} encore sans réponse (le premier : { $first }). Choisissez disponible, si nécessaire ou indisponible pour chacun, ou utilisez le remplissage rapide.
form-error-half-units = { $count ->
    [one] Une demi-journée est
   *[other] { $count } demi-journées sont
} encore sans réponse (la première : { $first }). Choisissez disponible, si nécessaire ou indisponible pour chacune, ou utilisez le remplissage rapide.
form-error-accepted = Cochez au moins une durée que votre groupe peut accepter : sans aucune, votre groupe compterait comme indisponible pour toutes les dates.
form-error-preferred = La durée préférée doit être l'une de celles que votre groupe accepte.
form-error-modality = Choisissez l'une des modalités proposées.
form-error-comment = Un commentaire compte au plus { $max } caractères, sans caractères de contrôle.

## La page de réponse de l'invité

reply-page-title = Réponse : { $title }
# Before the invited party's name, in bold.
reply-invitation-for = Invitation adressée à
reply-saved-notice = Nous vous remercions : votre réponse a été enregistrée. Toutes les personnes invitées au nom de { $invitee } voient cette réponse et peuvent la modifier jusqu’au début de la réunion.
reply-started = La réunion a commencé : la réponse ne peut plus être modifiée.
reply-cancelled = Cette réunion a été annulée : les réponses sont closes.
reply-not-open = Les réponses à cette invitation ne sont pas ouvertes.
reply-nothing-saved = Rien n’a été enregistré.
reply-not-saved = Votre réponse n’a pas été enregistrée.
reply-correct-fields = Veuillez corriger les champs signalés ci-dessous.
reply-purpose = Objet
reply-organiser = Organisateur
reply-invited = Partie invitée
reply-starts = Début
reply-ends = Fin
reply-modality = Modalité
reply-modalities = Modalités proposées
reply-venue = Lieu
reply-remote-link = Participation à distance
reply-personal-link = Ce lien est personnel et réservé à { $recipient } : merci de ne pas le transférer. Les personnes invitées au nom de { $invitee } donnent une seule réponse commune ; la dernière enregistrée fait foi.
reply-heading = La réponse de { $invitee }
reply-attendance = Participation
reply-delegation = Délégation
reply-nobody-named = aucune personne indiquée
reply-note = Note
reply-last-saved = Dernier enregistrement
# After “Last saved”: who saved the reply, and when (a date and time in the meeting's zone).
reply-saved-by = par { $by }, le { $at }
reply-no-reply = Aucune réponse n’a encore été donnée.
reply-will-attend = Participation de { $invitee } à la réunion
reply-in-person = En présentiel
reply-remote = À distance
reply-not-attending = Ne participera pas
reply-delegation-hint = Les personnes qui participeront au nom de { $invitee }, avec leur fonction. Les lignes vides sont ignorées ; aucune délégation n’est conservée en cas de non-participation. Pour indiquer d’autres personnes, enregistrez : trois nouvelles lignes vides apparaissent.
reply-name = Nom
reply-function = Fonction
# Read by screen readers after “Name” or “Function”: which row of the delegation.
reply-of-delegate = de la personne { $number }
reply-note-label = Note à l’intention du Secrétariat (facultatif)
reply-save = Enregistrer la réponse
# Validation messages, shown at the field they are about.
reply-error-no-response = Veuillez indiquer si vous participerez à la réunion.
reply-error-online-only = Cette réunion se tient uniquement en ligne.
reply-error-no-remote = Cette réunion ne peut pas être suivie à distance.
reply-error-nameless-delegate = Veuillez indiquer le nom de la personne dont la fonction est « { $function } ».
reply-error-delegate-too-long = Les noms et les fonctions comptent au plus { $max } caractères.
reply-error-too-many-delegates = Une délégation compte au plus { $max } membres.
reply-error-note-too-long = La note compte au plus { $max } caractères.
reply-error-delegate-characters = Écrivez chaque nom et chaque fonction sur une ligne, sans caractères de contrôle.
reply-error-note-characters = Retirez les caractères de contrôle (comme NUL) de la note.
