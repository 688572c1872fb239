export interface HelpEntry {
  usage: string;
  description: string;
  example: string;
}

export const en = {
  languageName: 'English',
  digest: {
    title: 'Weekly trust digest',
    context: (channel: string, week: string) => `${channel} · week ${week}`,
    notificationText: (channel: string, week: string) => `Weekly trust digest for ${channel}, week ${week}`,
    indexLine: (value: string, change: string) => `*Trust index: ${value}*${change}`,
    parts: {
      credibility: 'Credibility',
      reliability: 'Reliability',
      intimacy: 'Intimacy',
      selfOrientation: 'Self-orientation (lower is better)',
    },
    notEnough: (respondents: string, members: string, k: number) =>
      `*Not enough responses this week* (${respondents} of ${members}; at least ${k} are needed), so no scores are shown.`,
    trendHeading: (weeks: number) => `*Trust index, last ${weeks} weeks*`,
    trendRange: (from: string, to: string) => `Weeks ${from}–${to}. A dot is a week without a result.`,
    participation: (respondents: string, members: string) =>
      `*Participation:* ${respondents} of ${members} rated`,
    promisesHeading: '*Promises last week*',
    promises: (made: string, kept: string, renegotiated: string, overdue: string) =>
      `${made} made · ${kept} kept on time · ${renegotiated} renegotiated · ${overdue} overdue`,
    promisesTooFew: 'The team is too small to show promise counts without showing someone’s own.',
    focus: (name: string) => `*This week’s habit:* ${name}`,
    reflectionsHeading: (habit: string) => `*Last week’s reflections* on ${habit}`,
    reflectionsTooFew: 'Too few answers to show.',
    footer: (k: number) => `Anonymous: scores appear only when at least ${k} people rated. Never a name.`,
    chartTitle: 'Trust index trend',
    chartAlt: (weeks: number, points: string) =>
      `Line chart of the team’s trust index over the last ${weeks} weeks: ${points}.`,
    chartPoint: (week: string, value: string) => `week ${week} ${value}`,
    chartGap: (week: string) => `week ${week} no result`,
    /** Words drawn on the chart image. */
    chart: {
      title: (weeks: number) => `Trust index, last ${weeks} weeks`,
      subtitle: 'Higher is better. Shaded weeks have no result: no round, or too few answers.',
      yAxis: 'Trust index',
      xAxis: 'Week',
      partsTitle: 'The four parts (1–5; for self-orientation, lower is better)',
      parts: {
        credibility: 'Credibility',
        reliability: 'Reliability',
        intimacy: 'Intimacy',
        selfOrientation: 'Self-orientation',
      },
    },
    posted: (channel: string) => `The digest is on its way to ${channel}.`,
    previewNote: 'Only you can see this preview. `/trust digest` posts it in the channel.',
    previewChartNote: 'When posted, the digest also shows the trend as a chart.',
    teamOnly:
      'The digest belongs to a team channel. Run `/trust digest` in the channel of a team you manage.',
  },
  home: {
    title: 'Your trust dashboard',
    welcome:
      'Trust Habits helps your team build trust, one small step a week: make promises and keep them, practise four everyday habits, and rate team trust anonymously.',
    firstStep:
      '*Your first step:* make a small promise to a colleague: what you will do, and by when. I will remind you before it is due.',
    firstStepTeam:
      'Managing a team? Turn its channel into a team with `/trust team setup`, so everyone can rate trust each week.',
    makePromise: 'Make a promise',
    settings: 'Settings',
    morePromises: (count: number) => `…and ${count} more: \`/trust promises\``,
    checkinHeading: '*Your weekly check-in*',
    checkinSchedule: (day: string, time: string, zone: string) => `Every ${day} at ${time} (${zone}).`,
    checkinNext: (when: string) => `Next: ${when}.`,
    checkinPaused: (until: string) => `Paused until ${until}.`,
    checkinOptedOut: 'You have turned weekly check-ins off. Turn them on again in Settings.',
    checkinNone: 'No check-in schedule yet: Trust Habits needs your time zone from Slack first.',
    managerHeading: 'Teams you manage',
    teamLine: (channel: string, week: string) => `*${channel}* · last closed round: week ${week}`,
    teamNoRound: (channel: string) => `*${channel}* · no closed round yet`,
    teamNoRoundHint: 'The first result comes when this week’s round closes.',
    teamNotEnough: (k: number) => `Not enough responses to show a result: at least ${k} are needed.`,
    teamMembers: (members: number) => `${members} ${members === 1 ? 'member' : 'members'}`,
    teamTrend: (weeks: number, spark: string) => `Trend, last ${weeks} weeks: \`${spark}\``,
    teamSettings: 'Team settings',
    moreTeams: (count: number) =>
      `…and ${count} more ${count === 1 ? 'team' : 'teams'}: run \`/trust team settings\` in a team’s channel.`,
    notATeam: 'That team no longer exists.',
  },
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
    busy: 'Trust Habits is very busy right now. Please try again in a moment.',
    somethingWentWrong:
      'Something went wrong on our side, and nothing was changed. Please try again in a moment.',
    formTitle: 'Trust Habits',
    formClose: 'Close',
    formUnreadable:
      'This form could not be read, so nothing was saved. Please open it again from where you started.',
    tooLong: (length: string, max: string) =>
      `That is too long for /trust (${length} characters; at most ${max}), so nothing was done. Say it in fewer words.`,
  },
  shortcuts: {
    /** Labels of the shortcuts (the manifest holds the English ones; Slack has no translated manifest). */
    names: {
      promiseFromMessage: 'Make this a promise',
      makePromise: 'Make a promise',
      rateTeamTrust: 'Rate team trust',
    },
    someone: 'someone',
    channel: 'channel',
    /** Under a promise made from a message, linking back to it. */
    sourceLink: (link: string) => `<${link}|From this message>`,
    fromMessage: (link: string) => `Made from <${link}|this message>. Change anything before you save it.`,
    fromMessageNoLink: 'Made from a message. Change anything before you save it.',
    noDateFound: 'No date found in the message, so I suggest tomorrow 17:00.',
  },
  /** Workflow Builder steps: errors reach the person who ran the workflow through Slackbot. */
  steps: {
    badInputs: 'Trust Habits could not read this step’s inputs. Check that every field is filled in.',
    unknownPerson: (who: string) =>
      `Trust Habits does not know ${who} in this workspace, so nothing was saved.`,
    notAPerson: (who: string) => `${who} is not an active person in this workspace, so nothing was saved.`,
    unparseableDue: (text: string) =>
      `Trust Habits could not read “${text}” as a date (try “friday 3pm” or “in 2 days”), so nothing was saved.`,
    notSaved: (problem: string) => `${problem} Nothing was saved.`,
    notATeam: (channel: string) =>
      `${channel} is not a Trust Habits team. Set it up there with \`/trust team setup\` first.`,
    pulseAsk: (channel: string) =>
      `Your team ${channel} asks how trust feels this week. It takes a minute and stays anonymous.`,
    pulseAskText: 'Your team asks you to rate trust this week (anonymous).',
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
      'For _when_, try `friday 3pm`, `tomorrow EOD`, `in 2 days`, `thursday next week`, `end of month`, `on 12 Dec` or `Dec 12 at 9:30`. No time means 17:00; when your words fit two dates, I ask.',
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
      due_too_long: 'The part after _by_ is too long for a date (at most 100 characters). Nothing was saved.',
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
      /** The due date read back in words: "You wrote “eod friday”: by Friday 18 December at 17:00 (end of the working day)." */
      understood: (wrote: string | undefined, when: string) =>
        wrote === undefined ? `By ${when}.` : `You wrote ${wrote}: by ${when}.`,
      longDate: "cccc d MMMM 'at' HH:mm",
      longDateWithYear: "cccc d MMMM yyyy 'at' HH:mm",
      /** What each convention of docs/due-dates.md is called; the default time needs no label. */
      conventions: {
        defaultTime: '',
        lateToday: 'the end of today',
        early: 'first thing',
        morning: 'morning',
        forenoon: 'before noon',
        noon: 'noon',
        afternoon: 'afternoon',
        endOfDay: 'end of the working day',
        evening: 'evening',
        midnight: 'midnight',
        endOfWeek: 'end of the week',
        endOfNextWeek: 'end of next week',
        endOfMonth: 'end of the month',
        endOfNextMonth: 'end of next month',
        endOfYear: 'end of the year',
      },
    },
    /** When the words of a due date fit two instants: the person picks one. */
    choice: {
      question: (recipient: string) => `📅 Which date do you mean for your promise to ${recipient}?`,
      hint: 'Your words fit both. Nothing is saved until you pick one.',
      choice_not_found: 'I could not find that question. Type the promise again.',
      choice_expired: 'That question is more than a day old. Type the promise again.',
      already_chosen: 'You already picked a date for this promise, so it is made.',
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
    formerColleague: 'a former member',
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
    notInChannel: (channel: string) =>
      `Only someone in ${channel} can set it up as a team. Join the channel first, then run \`/trust team setup\` there.`,
    rightsUnconfirmed:
      'I could not check your admin rights with Slack just now, so nothing was changed. Please try again in a moment.',
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
    languageEachPerson: 'Each person’s Slack language',
    languageHint:
      'Everyone gets their own choice, else their Slack language when it is English or Norwegian. The team language is for the rest.',
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
  habits: {
    title: 'Trust habits',
    intro: 'Four habits build trust. Each week one of them is the focus.',
    allHeading: '*The four habits*',
    thisWeek: 'this week',
    focusHeading: (name: string) => `*This week’s focus: ${name}*`,
    tip: (tip: string) => `:bulb: *Try this week:* ${tip}`,
    reflectPrompt: (name: string) => `*Last week’s focus was ${name}.* How often did you practise it?`,
    answers: { often: 'Often', sometimes: 'Sometimes', not_yet: 'Not yet' },
    answered: (answer: string) => `Your answer: *${answer}*. You can change it until the week ends.`,
    private: 'Only you see your answer. Your team sees counts only, and only when enough people answered.',
    streak: (weeks: number) =>
      weeks === 0
        ? 'No streak yet: answer Often or Sometimes to start one.'
        : `:fire: ${weeks} ${weeks === 1 ? 'week' : 'weeks in a row'}`,
    weekOver: 'That week has ended, so its reflection can no longer be changed.',
    nudgeText: (name: string) => `Mid-week nudge: this week’s focus is ${name}.`,
    nudgeHeading: (name: string) => `*Mid-week nudge: ${name}*`,
    nudgesOn: 'Mid-week nudges are on.',
    nudgesOff: 'Mid-week nudges are off.',
    turnNudgesOff: 'Turn off nudges',
    turnNudgesOn: 'Turn on nudges',
    openPromises: 'Your open promises:',
    noOpenPromises: 'You have no open promises. This is a good week to make a small one and keep it.',
    /** Why this week's habit, when it follows the team's pulse (the plain rotation says nothing). */
    reasonParts: {
      credibility: 'credibility',
      reliability: 'reliability',
      intimacy: 'intimacy',
      selfOrientation: 'high self-orientation',
    },
    reasonWeakest: (part: string) =>
      `:bar_chart: Your team’s pulse shows ${part} as the part to work on, so this habit is the focus.`,
    reasonRest: (part: string, rested: string) =>
      `:bar_chart: Your team’s pulse shows ${part} as the part to work on. After two weeks of ${rested}, this week’s focus is the next habit, for variety.`,
  },
  settings: {
    title: 'Your settings',
    save: 'Save',
    cancel: 'Cancel',
    intro: 'Changes take effect from your next check-in and nudge.',
    checkinDay: 'Check-in day',
    checkinTime: 'Check-in time',
    zone: 'Time zone',
    zoneFollowSlack: (zone: string) => `Follow Slack (${zone})`,
    zoneFollowSlackUnknown: 'Follow Slack',
    zoneHint: 'Used for your check-ins, nudges, promise due dates and reminders.',
    language: 'Language',
    languageAuto: 'Automatic (your Slack language, else your team’s)',
    habitNudges: 'Habit nudges',
    habitNudgesOn: 'Send me a mid-week habit nudge',
    teamNudgesOff: 'Your team has turned mid-week nudges off, so none come for now.',
    pauseUntil: 'Pause check-ins until',
    pauseHint: 'Leave it empty for no pause. Check-ins start again on that day.',
    checkins: 'Weekly check-ins',
    optOut: 'Stop my weekly check-ins',
    errors: {
      invalid_weekday: 'Choose a day of the week.',
      invalid_time: 'Choose a time of day.',
      invalid_zone: 'Choose a time zone from the list.',
      pause_in_past: 'Choose a day after today.',
      pause_too_far: 'Choose a day within a year.',
      pause_with_opt_out:
        'Your check-ins are stopped, so there is nothing to pause. Clear the date or keep them on.',
    },
    saved: (next: string) => `Your settings are saved. Your next check-in comes ${next}.`,
    savedNoCheckin: 'Your settings are saved. No weekly check-ins will come for now.',
    unknownPerson: 'Sorry, I could not read your Slack profile just now. Please try again in a moment.',
    teamNudgesLabel: 'Mid-week habit nudges',
    teamNudgesOn: 'Send members a mid-week habit nudge',
    teamNudgesHint: 'Members can still turn their own nudges off.',
    followupText: 'Your team’s trust pulse for this week is still open.',
    followupIntro:
      'A gentle reminder: your team’s trust pulse for this week is still open. It takes a minute, and your answers are anonymous.',
  },
  privacy: {
    exportPreparing:
      'Preparing your export… it will arrive as a direct message from Trust Habits in a moment.',
    exportSent: 'Your export is ready: see your direct messages with Trust Habits.',
    exportFailed: 'Sorry, I could not send your export just now. Please try again in a moment.',
    exportFileTitle: 'Trust Habits: your data',
    exportFileComment: 'All data Trust Habits holds about you, as a JSON file.',
    exportSummaryTitle: 'Your data in Trust Habits',
    exportSummaryIntro: 'Here is everything Trust Habits holds about you in this workspace. In short:',
    exportCounts: {
      promisesMade: (n: number) => `Promises you made: *${n}*`,
      promisesReceived: (n: number) => `Promises made to you: *${n}*`,
      reflections: (n: number) => `Habit reflections: *${n}*`,
      currentStreak: (n: number) => `Current reflection streak: *${n}* ${n === 1 ? 'week' : 'weeks'}`,
      checkins: (n: number) => `Weekly check-ins recorded: *${n}*`,
      teams: (n: number) => `Teams you are a member of: *${n}*`,
      managedTeams: (n: number) => `Teams you manage: *${n}*`,
    },
    exportSettingsNote:
      'The file also holds your settings: language, time zone, check-in day and time, pause and opt-out, and habit nudges.',
    pulseStatement:
      'Pulse ratings you gave exist only as anonymous counts per team and week. They are not linked to you, so they cannot be exported or deleted.',
    forgetTitle: 'Forget me',
    forgetSubmit: 'Delete my data',
    cancel: 'Cancel',
    close: 'Close',
    forgetIntro: 'This permanently deletes the personal data Trust Habits holds about you in this workspace:',
    forgetItems: [
      'your settings: language, time zone, check-in day and time, pause and opt-out, habit nudges',
      'your check-in history, habit reflections and streak',
      'your team memberships and manager rights',
      'the promises you made, with their reminders',
      'messages still waiting to be sent to you',
    ],
    forgetReceived:
      'Promises others made to you stay with them, but no longer name you: they will see “a former member”.',
    forgetPulse:
      'Your pulse ratings cannot be deleted: they were stored as anonymous counts and never linked to you, so nobody can find them, not even Trust Habits.',
    forgetWarning: 'This cannot be undone. To keep a copy first, cancel and type `/trust export`.',
    forgetDoneTitle: 'Data deleted',
    forgetDone:
      'Your personal data is deleted. Promises made to you now show “a former member”. If you use Trust Habits again, it starts from scratch.',
    forgetNothingLeft:
      'There is nothing left to delete: Trust Habits holds no personal data about you in this workspace.',
    forgetFailed: 'Sorry, something went wrong and nothing was deleted. Please try again in a moment.',
  },
  install: {
    pageTitle: 'Trust Habits',
    successHeading: 'Trust Habits is installed',
    success: (workspace: string) =>
      `Trust Habits is now installed in ${workspace}. Open Slack and type /trust help to get started.`,
    openSlack: 'Open Slack',
    failureHeading: 'The installation did not finish',
    cancelled: 'The installation was cancelled in Slack. Nothing was installed.',
    badState:
      'This installation link has expired or was opened in another browser. Start again from the install page.',
    failed: 'Slack did not confirm the installation. Please start again from the install page.',
    orgRefused:
      'Trust Habits cannot be installed for a whole Enterprise Grid organisation. Ask an admin to install it into each workspace that wants it instead. Nothing was installed.',
    tryAgain: 'Start again',
  },
  coaching: {
    /** The weakest part, as it reads after "work on". */
    parts: {
      credibility: 'credibility',
      reliability: 'reliability',
      intimacy: 'intimacy',
      selfOrientation: 'self-orientation (it is too high)',
    },
    heading: (part: string) => `:seedling: *Part to work on: ${part}*`,
    basis: (rounds: number) =>
      rounds === 1
        ? 'The lowest part of the Trust Equation in the last round with results.'
        : `The lowest part of the Trust Equation over the last ${rounds} rounds with results.`,
    practice: (text: string) => `*Try as a team this week:* ${text}`,
  },
};

export type Messages = typeof en;
