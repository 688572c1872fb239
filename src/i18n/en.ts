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
  dates: {
    /** luxon locale and formats; a year is added when it is not this year. */
    locale: 'en-GB',
    dateTime: 'EEE d MMM, HH:mm',
    dateTimeWithYear: 'EEE d MMM yyyy, HH:mm',
  },
  promises: {
    form: 'Use: `/trust promise @person &lt;what&gt; by &lt;when&gt;` — for example `/trust promise @kari send the Q3 numbers by friday 3pm`',
    whenExamples:
      'For _when_, try `friday 3pm`, `tomorrow`, `in 2 days`, `next week`, `on 12 Dec` or `Dec 12 at 9:30`.',
    problems: {
      no_recipient:
        'Start with the person you are promising, as a mention: type @ and pick them from the list.',
      self_promise: 'A promise to yourself is a to-do. Here, promises are between two people.',
      recipient_is_bot: 'That is an app, not a person. Promises are made to colleagues.',
      recipient_deactivated: 'That person is no longer active in this workspace.',
      empty_text: 'Say what you promise.',
      text_too_long: 'A promise can be at most 300 characters. Keep it short and concrete.',
      due_in_past: 'That time has already passed. Pick a time in the future.',
      due_too_far:
        'That is more than a year away. Pick a date within a year, or split it into smaller promises.',
      due_unchanged: 'That is the due date it already has.',
      note_too_long: 'The note can be at most 300 characters.',
      no_due: 'Say by when, after the word _by_.',
    },
    unparseableDue: (text: string) => `I could not read ${text} as a date or time.`,
    refusals: {
      not_found: 'I could not find that promise. It may have been deleted.',
      not_owner: 'Only the person who made this promise can change it.',
      not_owner_or_recipient: 'Only the two people in this promise can mark it kept.',
      already_kept: 'This promise is already kept. ✅',
      already_released: 'This promise was already released.',
      conflict: 'This promise was changed at the same moment. Have a look and try again.',
    },
    confirmation: {
      made: (recipient: string) => `🤝 You promised ${recipient}:`,
      due: (when: string, zone: string) => `Due *${when}* (${zone})`,
      defaultTime: 'No time given, so I picked 17:00, the end of the working day.',
      correct: 'Not what you meant? Pick *New date*.',
      told: (recipient: string) => `I have let ${recipient} know.`,
    },
    notices: {
      made: (owner: string) => `🤝 ${owner} made you a promise:`,
      renegotiated: (owner: string) => `📅 ${owner} moved the due date of a promise to you:`,
      released: (owner: string) => `${owner} has let you know they cannot keep this promise after all:`,
      keptByOwner: (owner: string) => `✅ ${owner} kept a promise to you:`,
      keptByRecipient: (recipient: string) => `✅ ${recipient} confirmed that you kept your promise:`,
      due: (when: string) => `Due ${when}`,
      change: (from: string, to: string) => `~${from}~ → *${to}*`,
      note: (note: string) => `Note: ${note}`,
      confirmHint: 'When it is done, you can mark it kept here.',
    },
    reminders: {
      midpoint: (recipient: string, when: string) =>
        `Halfway there: you promised ${recipient} this by ${when}. A short update on where it stands now saves them having to ask.`,
      day_before: (recipient: string, when: string) =>
        `Due in 24 hours (${when}): your promise to ${recipient}. Still on track? If not, now is the time to agree a new date.`,
      due: (recipient: string) => `Due now: your promise to ${recipient}. Done? Mark it kept.`,
      overdue: (recipient: string, when: string) =>
        `Your promise to ${recipient} was due ${when}. Mark it kept, pick a new date or release it — a quick word keeps trust.`,
    },
    buttons: {
      kept: 'Kept',
      newDate: 'New date',
      release: 'Release',
      confirmKept: 'Mark as kept',
      newPromise: 'New promise',
    },
    list: {
      title: 'Your open promises',
      made: '*You promised*',
      received: '*Promised to you*',
      to: (recipient: string, when: string) => `to ${recipient} · due ${when}`,
      from: (owner: string, when: string) => `from ${owner} · due ${when}`,
      overdue: '*overdue*',
      more: (count: number) => `…and ${count} more.`,
      empty: 'You have no open promises.',
      emptyHint: 'Make one: `/trust promise @kari send the Q3 numbers by friday 3pm`',
      keepRate: (kept: number, due: number, percent: number) =>
        `You kept *${kept} of ${due}* promises on time in the last 90 days (${percent}%). Only you see this.`,
      noKeepRate: 'None of your promises came due in the last 90 days.',
    },
    formerColleague: 'a former colleague',
    modals: {
      cancel: 'Cancel',
      createTitle: 'New promise',
      createSubmit: 'Promise',
      recipientLabel: 'To whom',
      textLabel: 'What do you promise?',
      textPlaceholder: 'e.g. send the Q3 numbers',
      dateLabel: 'Due date',
      timeLabel: 'Due time',
      timeHint: (zone: string) => `In your time zone, ${zone}.`,
      newDateTitle: 'New date',
      newDateSubmit: 'Save',
      newDateIntro:
        'Moving a date before it is due is keeping your word. They will see the old and the new date.',
      releaseTitle: 'Release promise',
      releaseSubmit: 'Release',
      releaseIntro:
        'Cannot keep it? Saying so now is better than letting it slip. They will get a message, with your note if you write one.',
      noteLabel: 'Note to them',
      notePlaceholder: 'e.g. Priorities changed; Ola takes it from here.',
    },
    done: {
      title: 'Done',
      close: 'Close',
      kept: '✅ Marked as kept:',
      renegotiated: (when: string) => `📅 New due date *${when}*:`,
      released: 'Released:',
      told: (person: string) => `I have let ${person} know.`,
    },
    checkin: {
      heading: '*Your promises due this week*',
      received: '*Promised to you, due this week*',
    },
  },
  checkin: {
    title: 'Your weekly check-in',
    greeting: (week: string) => `Good to see you. Here is your check-in for week ${week}.`,
    nothingDue: 'No promises are due this week. A quiet week is a good week to make one.',
    controlsIntro: 'Not a good week? You decide when these come.',
    skipWeek: 'Skip this week',
    pause: 'Pause…',
    changeTime: 'Change day and time…',
    optOut: 'Stop check-ins',
    optOutConfirmTitle: 'Stop weekly check-ins?',
    optOutConfirmText: 'You will get no more check-ins until you turn them on again in /trust settings.',
    optOutConfirm: 'Stop them',
    optOutDeny: 'Keep them',
    skipped: (week: string) => `Week ${week} is skipped. See you next week.`,
    optedOut: 'Weekly check-ins are off. Turn them on again any time with `/trust settings`.',
    paused: (until: string) => `Check-ins are paused until ${until}.`,
    rescheduled: (when: string) => `Your next check-in comes ${when}.`,
    noSchedule: 'You have no check-in schedule yet: Trust Habits needs your time zone from Slack first.',
    sentNow: 'Here is this week’s check-in. The scheduled one will not come this week.',
    alreadyHandled: 'You already had this week’s check-in. The next one comes on your usual day.',
    pauseTitle: 'Pause check-ins',
    pauseLabel: 'No check-ins until',
    pauseSubmit: 'Pause',
    pauseInPast: 'Pick a day after today.',
    pauseTooFar: 'Pick a day within a year.',
    timeTitle: 'Check-in day and time',
    dayLabel: 'Day',
    timeLabel: 'Time',
    timeHint: (zone: string) => `In your time zone, ${zone}.`,
    timeSubmit: 'Save',
    cancel: 'Cancel',
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  },
  teams: {
    notManager:
      'Only a manager of this team can do that: a workspace admin, the person who set the team up, or someone they added.',
    notATeam: 'This channel is not a team yet. A manager can make it one with `/trust team setup`.',
    alreadyTeam: 'This channel is already a team. Change it with `/trust team settings`.',
    botNotInChannel:
      'Trust Habits is not in this channel yet. Add it with `/invite @trusthabits`, then run `/trust team setup` again.',
    settingsTitle: 'Team settings',
    setupTitle: 'Set up the team',
    save: 'Save',
    cancel: 'Cancel',
    intro: (channel: string) => `Settings for the team in ${channel}.`,
    checkinDay: 'Default check-in day',
    checkinTime: 'Default check-in time',
    digestEnabled: 'Weekly digest',
    digestOn: 'Post the weekly digest in the channel',
    digestDay: 'Digest day',
    digestTime: 'Digest time',
    minGroupSize: 'Minimum group size (k)',
    minGroupSizeHint: 'Pulse results need at least this many people. Never below 3.',
    minGroupSizeTooSmall: 'Use 3 or more: with fewer people, a result could reveal how one person rated.',
    language: 'Team language',
    timeZone: 'Team time zone',
    timeZoneHint: 'An IANA zone such as Europe/Oslo. Pulse rounds follow weeks in this zone.',
    invalidZone: 'That is not a time zone we know. Try something like Europe/Oslo.',
    invalidTime: 'Use a time like 09:00.',
    setUp: (channel: string, members: number) =>
      `${channel} is now a team with ${members} ${members === 1 ? 'member' : 'members'}. Change it any time with \`/trust team settings\`.`,
    saved: (channel: string) => `Settings for ${channel} are saved.`,
    managerUsage: 'Name one person: `/trust team managers add @person`.',
    managerAdded: (person: string, channel: string) => `${person} now manages ${channel}.`,
    managerNotPerson: 'Only a person can manage a team, not a bot or a deactivated account.',
    removeConfirmText: (channel: string) =>
      `Remove the team in ${channel}? Its settings and members are deleted. Past pulse results are deleted too.`,
    removeButton: 'Remove team',
    removeConfirmTitle: 'Remove this team?',
    removeConfirm: 'Remove',
    removeDeny: 'Keep it',
    removed: (channel: string) => `${channel} is no longer a team.`,
  },
  pulse: {
    title: 'Team trust pulse',
    submit: 'Send',
    cancel: 'Cancel',
    close: 'Close',
    intro: (channel: string) => `How is trust in ${channel} this week?`,
    anonymous:
      'Your answers are anonymous: they are stored only as counts, never with your name or the time, and cannot be changed afterwards.',
    statements: {
      credibility: 'People in this team know what they are talking about, and say so honestly.',
      reliability: 'When someone in this team says they will do something, it gets done.',
      intimacy: 'I can raise a worry or a mistake in this team without fearing how it is used.',
      selfOrientation: 'People in this team mostly look after their own interests.',
    },
    scale: ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'],
    thanks: 'Thank you. Your answers are counted anonymously.',
    alreadyRated: 'You have already rated this team this week. Thank you.',
    roundClosed: 'This week’s round has closed. The next one opens on Monday.',
    notMember: 'You can only rate teams you are a member of.',
    notOffered: (channel: string, k: number) =>
      `The pulse for ${channel} needs at least ${k} members, so it is not offered yet.`,
    noTeam: 'You are not in a team with a pulse yet.',
    nothingToRate: 'You have rated all your teams this week. Thank you.',
    checkinHeading: '*Team trust*',
    checkinPrompt: (channel: string) => `How is trust in ${channel} this week? It takes a minute.`,
    rateButton: 'Rate team trust (anonymous)',
    resultTitle: (channel: string, week: string) => `Team trust in ${channel}, week ${week}`,
    resultLine: (index: string, change: string) => `Trust index *${index}*${change}`,
    parts: (c: string, r: string, i: string, s: string) =>
      `Credibility ${c} · Reliability ${r} · Intimacy ${i} · Self-orientation ${s}`,
    respondents: (respondents: number, members: number) => `${respondents} of ${members} responded.`,
    notEnough: (respondents: number, k: number) =>
      `Not enough responses: ${respondents} responded, at least ${k} are needed to show a result.`,
  },
};

export type Messages = typeof en;
