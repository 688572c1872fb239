export interface HelpEntry {
  usage: string;
  description: string;
  example: string;
}

export const en = {
  languageName: 'English',
  help: {
    title: 'Trust Habits',
    intro:
      'Small weekly steps that build trust: keep promises, assume the best, stand up for others and refuse to gossip.',
    everyone: 'For everyone',
    managers: 'For managers',
    yourData: 'Your data',
    exampleLabel: 'Example',
    footer:
      'Your pulse ratings are anonymous: they are stored as counts only and can never be traced back to you.',
    entries: {
      help: { usage: '/trust help', description: 'Show this help.', example: '/trust help' },
      promise: {
        usage: '/trust promise @person <what> by <when>',
        description: 'Make a promise to someone. Leave out the details to open a form.',
        example: '/trust promise @kari send the Q3 numbers by friday 3pm',
      },
      promises: {
        usage: '/trust promises',
        description: 'List your open promises, made and received.',
        example: '/trust promises',
      },
      checkin: {
        usage: '/trust checkin',
        description: "Get this week's check-in now.",
        example: '/trust checkin',
      },
      pulse: {
        usage: '/trust pulse',
        description: 'Rate team trust anonymously for this week.',
        example: '/trust pulse',
      },
      habits: {
        usage: '/trust habits',
        description: "The four trust habits, this week's focus and a tip.",
        example: '/trust habits',
      },
      settings: {
        usage: '/trust settings',
        description: 'Your check-in day and time, time zone, language and nudges.',
        example: '/trust settings',
      },
      teamSetup: {
        usage: '/trust team setup',
        description: 'Make this channel a team and choose its settings.',
        example: '/trust team setup',
      },
      teamSettings: {
        usage: '/trust team settings',
        description: "Change this team's settings.",
        example: '/trust team settings',
      },
      teamManagersAdd: {
        usage: '/trust team managers add @person',
        description: 'Let someone else manage this team.',
        example: '/trust team managers add @ola',
      },
      teamRemove: {
        usage: '/trust team remove',
        description: 'Stop using Trust Habits in this channel (asks first).',
        example: '/trust team remove',
      },
      digest: {
        usage: '/trust digest',
        description: "Post the team's trust digest in this channel now.",
        example: '/trust digest',
      },
      digestPreview: {
        usage: '/trust digest preview',
        description: 'See the digest yourself before posting it.',
        example: '/trust digest preview',
      },
      export: {
        usage: '/trust export',
        description: 'Get all data Trust Habits holds about you, as a file.',
        example: '/trust export',
      },
      forgetMe: {
        usage: '/trust forget-me',
        description: 'Delete your personal data (asks first).',
        example: '/trust forget-me',
      },
    } satisfies Record<string, HelpEntry>,
  },
  command: {
    unknown: (command: string) => `I don't know ${command}.`,
    didYouMean: (suggestion: string) => `Did you mean \`${suggestion}\`?`,
    seeHelp: 'Type `/trust help` to see everything you can do.',
    notYetAvailable: (usage: string) =>
      `\`${usage}\` is not available in this version of Trust Habits yet. Type \`/trust help\` to see what you can do.`,
    somethingWentWrong:
      'Something went wrong on our side, and nothing was changed. Please try again in a moment.',
  },
};

export type Messages = typeof en;
