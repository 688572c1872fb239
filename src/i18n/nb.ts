import type { Messages } from './en.ts';

export const nb: Messages = {
  languageName: 'Norsk bokmål',
  help: {
    title: 'Trust Habits',
    intro:
      'Små steg hver uke som bygger tillit: hold det du lover, tro det beste om andre, stå opp for kollegaer og la være å snakke om folk bak ryggen deres.',
    everyone: 'For alle',
    managers: 'For ledere',
    yourData: 'Dine data',
    exampleLabel: 'Eksempel',
    footer:
      'Svarene dine i tillitsmålingen er anonyme: vi lagrer bare antall, så de kan aldri spores tilbake til deg.',
    entries: {
      help: { usage: '/trust help', description: 'Vis denne hjelpen.', example: '/trust help' },
      promise: {
        usage: '/trust promise @person <hva> by <når>',
        description: 'Gi noen et løfte. Skriv bare /trust promise for å fylle ut et skjema.',
        example: '/trust promise @kari sende tallene for 3. kvartal by fredag kl 15',
      },
      promises: {
        usage: '/trust promises',
        description: 'Se de åpne løftene dine, både de du har gitt og de du har fått.',
        example: '/trust promises',
      },
      checkin: {
        usage: '/trust checkin',
        description: 'Få ukens innsjekk med en gang.',
        example: '/trust checkin',
      },
      pulse: {
        usage: '/trust pulse',
        description: 'Gi teamet en anonym tillitsvurdering for denne uken.',
        example: '/trust pulse',
      },
      habits: {
        usage: '/trust habits',
        description: 'De fire tillitsvanene, ukens fokus og et konkret tips.',
        example: '/trust habits',
      },
      settings: {
        usage: '/trust settings',
        description: 'Velg dag og tid for innsjekk, tidssone, språk og påminnelser.',
        example: '/trust settings',
      },
      teamSetup: {
        usage: '/trust team setup',
        description: 'Gjør denne kanalen til et team og velg innstillinger.',
        example: '/trust team setup',
      },
      teamSettings: {
        usage: '/trust team settings',
        description: 'Endre innstillingene for teamet.',
        example: '/trust team settings',
      },
      teamManagersAdd: {
        usage: '/trust team managers add @person',
        description: 'Gi noen andre tilgang til å lede teamet.',
        example: '/trust team managers add @ola',
      },
      teamRemove: {
        usage: '/trust team remove',
        description: 'Slutt å bruke Trust Habits i denne kanalen (du må bekrefte først).',
        example: '/trust team remove',
      },
      digest: {
        usage: '/trust digest',
        description: 'Legg ut teamets tillitsoppsummering i kanalen nå.',
        example: '/trust digest',
      },
      digestPreview: {
        usage: '/trust digest preview',
        description: 'Se oppsummeringen selv før du legger den ut.',
        example: '/trust digest preview',
      },
      export: {
        usage: '/trust export',
        description: 'Få alle data Trust Habits har om deg, som en fil.',
        example: '/trust export',
      },
      forgetMe: {
        usage: '/trust forget-me',
        description: 'Slett personopplysningene dine (du må bekrefte først).',
        example: '/trust forget-me',
      },
    },
  },
  command: {
    unknown: (command) => `Jeg kjenner ikke til ${command}.`,
    didYouMean: (suggestion) => `Mente du \`${suggestion}\`?`,
    seeHelp: 'Skriv `/trust help` for å se alt du kan gjøre.',
    notYetAvailable: (usage) =>
      `\`${usage}\` finnes ikke i denne versjonen av Trust Habits ennå. Skriv \`/trust help\` for å se hva du kan gjøre.`,
    somethingWentWrong: 'Noe gikk galt hos oss, og ingenting ble endret. Prøv igjen om litt.',
  },
  dates: {
    locale: 'nb',
    dateTime: 'EEE d. MMM, HH:mm',
    dateTimeWithYear: 'EEE d. MMM yyyy, HH:mm',
  },
  promises: {
    form: 'Skriv: `/trust promise @person <hva> innen <når>` — for eksempel `/trust promise @kari sende tallene for 3. kvartal innen fredag kl 15` («by» går også).',
    whenExamples:
      'Som _når_ kan du skrive for eksempel `fredag kl 15`, `i morgen`, `om 3 dager`, `neste uke` eller `12. desember`.',
    problems: {
      no_recipient: 'Begynn med personen du lover noe, som en omtale: skriv @ og velg fra listen.',
      self_promise: 'Et løfte til deg selv er en huskeliste. Her gir man løfter til hverandre.',
      recipient_is_bot: 'Det er en app, ikke en person. Løfter gir du til kollegaer.',
      recipient_deactivated: 'Den personen er ikke lenger aktiv i dette arbeidsområdet.',
      empty_text: 'Skriv hva du lover, mellom personen og _innen_.',
      text_too_long: 'Et løfte kan være på høyst 300 tegn. Hold det kort og konkret.',
      due_in_past: 'Det tidspunktet har allerede vært. Velg et tidspunkt fram i tid.',
      due_too_far: 'Det er mer enn ett år fram. Velg en dato innen et år, eller del det opp i mindre løfter.',
      due_unchanged: 'Løftet har allerede den fristen.',
      note_too_long: 'Meldingen kan være på høyst 300 tegn.',
      no_due: 'Skriv når det skal være gjort, etter ordet _innen_.',
    },
    unparseableDue: (text) => `Jeg skjønte ikke ${text} som en dato eller et klokkeslett.`,
    refusals: {
      not_found: 'Jeg fant ikke det løftet. Kanskje det er slettet.',
      not_owner: 'Bare den som ga løftet, kan endre det.',
      not_owner_or_recipient: 'Bare de to som løftet gjelder, kan markere det som holdt.',
      already_kept: 'Dette løftet er allerede holdt. ✅',
      already_released: 'Dette løftet er allerede trukket tilbake.',
      conflict: 'Løftet ble endret i samme øyeblikk. Se på det igjen og prøv på nytt.',
    },
    confirmation: {
      made: (recipient) => `🤝 Du har lovet ${recipient}:`,
      due: (when, zone) => `Frist *${when}* (${zone})`,
      defaultTime: 'Du oppga ikke klokkeslett, så jeg valgte 17:00, slutten av arbeidsdagen.',
      correct: 'Ikke det du mente? Velg *Ny frist*.',
      told: (recipient) => `Jeg har gitt beskjed til ${recipient}.`,
    },
    notices: {
      made: (owner) => `🤝 ${owner} har lovet deg noe:`,
      renegotiated: (owner) => `📅 ${owner} har flyttet fristen for et løfte til deg:`,
      released: (owner) => `${owner} klarer likevel ikke å holde et løfte til deg, og sier fra i god tid:`,
      keptByOwner: (owner) => `✅ ${owner} har holdt et løfte til deg:`,
      keptByRecipient: (recipient) => `✅ ${recipient} bekrefter at du har holdt løftet ditt:`,
      due: (when) => `Frist ${when}`,
      change: (from, to) => `~${from}~ → *${to}*`,
      note: (note) => `Melding: ${note}`,
      confirmHint: 'Når det er gjort, kan du markere det som holdt her.',
    },
    reminders: {
      midpoint: (recipient, when) =>
        `Halvveis: du har lovet ${recipient} dette innen ${when}. Si kort fra hvordan det går, så slipper de å spørre.`,
      day_before: (recipient, when) =>
        `Frist om et døgn (${when}): løftet ditt til ${recipient}. Går det etter planen? Hvis ikke er det nå du bør avtale en ny frist.`,
      due: (recipient) => `Fristen er nå: løftet ditt til ${recipient}. Ferdig? Marker det som holdt.`,
      overdue: (recipient, when) =>
        `Løftet ditt til ${recipient} hadde frist ${when}. Marker det som holdt, velg ny frist eller trekk det tilbake — et raskt ord bevarer tilliten.`,
    },
    buttons: {
      kept: 'Holdt',
      newDate: 'Ny frist',
      release: 'Trekk tilbake',
      confirmKept: 'Marker som holdt',
    },
    list: {
      title: 'Dine åpne løfter',
      made: '*Du har lovet*',
      received: '*Lovet deg*',
      to: (recipient, when) => `til ${recipient} · frist ${when}`,
      from: (owner, when) => `fra ${owner} · frist ${when}`,
      overdue: '*over fristen*',
      more: (count) => `…og ${count} til.`,
      empty: 'Du har ingen åpne løfter.',
      emptyHint: 'Gi et: `/trust promise @kari sende tallene for 3. kvartal innen fredag kl 15`',
      keepRate: (kept, due, percent) =>
        `Du holdt *${kept} av ${due}* løfter innen fristen de siste 90 dagene (${percent} %). Bare du ser dette.`,
      noKeepRate: 'Ingen av løftene dine hadde frist de siste 90 dagene.',
    },
    formerColleague: 'en tidligere kollega',
    modals: {
      cancel: 'Avbryt',
      createTitle: 'Nytt løfte',
      createSubmit: 'Lov',
      recipientLabel: 'Til hvem',
      textLabel: 'Hva lover du?',
      textPlaceholder: 'f.eks. sende tallene for 3. kvartal',
      dateLabel: 'Frist (dato)',
      timeLabel: 'Frist (klokkeslett)',
      timeHint: (zone) => `I din tidssone, ${zone}.`,
      newDateTitle: 'Ny frist',
      newDateSubmit: 'Lagre',
      newDateIntro:
        'Å flytte fristen før den går ut, er også å holde ord. Mottakeren ser både gammel og ny frist.',
      releaseTitle: 'Trekk tilbake løfte',
      releaseSubmit: 'Trekk tilbake',
      releaseIntro:
        'Klarer du det ikke? Det er bedre å si fra nå enn å la det skli. Mottakeren får beskjed, med meldingen din hvis du skriver en.',
      noteLabel: 'Melding til mottakeren (valgfritt)',
      notePlaceholder: 'f.eks. Prioriteringene er endret; Ola tar over.',
    },
  },
};
