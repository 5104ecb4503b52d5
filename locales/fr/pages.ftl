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
