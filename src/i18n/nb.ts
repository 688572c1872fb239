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
};
