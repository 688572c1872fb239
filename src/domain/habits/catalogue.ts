import type { Language } from '../users/language.ts';

// The four habits and their tips. This is content, not configuration: both languages live here,
// side by side, so a tip and its Bokmål version can never drift apart in number or order.

export const habitIds = ['assume_best', 'stand_up', 'no_gossip', 'keep_promises'] as const;
export type HabitId = (typeof habitIds)[number];

export type Localized = Readonly<Record<Language, string>>;

export interface Habit {
  id: HabitId;
  name: Localized;
  /** Two sentences: what the habit is and why it builds trust. */
  explanation: Localized;
  /** At least 8, each small enough to try this week. */
  tips: readonly Localized[];
}

export function isHabitId(value: unknown): value is HabitId {
  return typeof value === 'string' && (habitIds as readonly string[]).includes(value);
}

const assumeBest: Habit = {
  id: 'assume_best',
  name: { en: 'Assume the best', nb: 'Tro det beste om andre' },
  explanation: {
    en: 'When something goes wrong, start from the most generous explanation that fits the facts. People who feel their intentions are trusted speak up sooner and fix things faster.',
    nb: 'Når noe går galt, begynn med den mest velvillige forklaringen som passer med fakta. Folk som merker at de blir trodd på, sier fra tidligere og retter opp raskere.',
  },
  tips: [
    {
      en: 'Before you reply to a message that annoys you, ask yourself: “What would a reasonable, well-meaning person have meant by this?” Then answer that version.',
      nb: 'Før du svarer på en melding som irriterer deg, spør deg selv: «Hva ville en fornuftig person med gode hensikter ment med dette?» Svar så på den versjonen.',
    },
    {
      en: 'When a deadline slips, open with “What got in the way?” instead of “Why is this late?”',
      nb: 'Når en frist ryker, begynn med «Hva kom i veien?» i stedet for «Hvorfor er dette forsinket?»',
    },
    {
      en: 'If a short or blunt message stings, wait ten minutes and ask one clarifying question before you decide what it meant.',
      nb: 'Svir en kort eller brysk melding? Vent ti minutter, og still ett oppklarende spørsmål før du bestemmer deg for hva den betydde.',
    },
    {
      en: 'Pick one decision this week that you disagreed with and write down the best reason someone could have had for making it.',
      nb: 'Tenk på én beslutning denne uken som du var uenig i, og skriv ned den beste grunnen noen kan ha hatt for å ta den.',
    },
    {
      en: 'When you catch yourself saying “they always…”, swap it for one specific example and check that example with the person.',
      nb: 'Tar du deg selv i å si «de gjør alltid …»? Bytt det ut med ett konkret eksempel, og sjekk det med den det gjelder.',
    },
    {
      en: 'In your next review or feedback, ask “What led you to this approach?” before you suggest another one.',
      nb: 'I neste gjennomgang eller tilbakemelding: spør «Hva fikk deg til å velge denne løsningen?» før du foreslår en annen.',
    },
    {
      en: 'If someone misses your meeting, send “Hope all is well — here are the notes” rather than asking where they were.',
      nb: 'Dukker noen ikke opp på møtet ditt, send «Håper alt står bra til – her er referatet» i stedet for å spørre hvor de var.',
    },
    {
      en: 'When you tell someone about a colleague’s mistake, include what made it an easy mistake to make.',
      nb: 'Når du forteller om en tabbe en kollega gjorde, ta med hva som gjorde den lett å gjøre.',
    },
  ],
};

const standUp: Habit = {
  id: 'stand_up',
  name: { en: 'Stand up for others when they are right', nb: 'Støtt andre når de har rett' },
  explanation: {
    en: 'When a colleague is right — in a meeting, a thread or a decision — say so where it counts, even if they are not the loudest voice. Backing people when they are right shows that here, the argument matters more than rank or volume.',
    nb: 'Når en kollega har rett – i et møte, en tråd eller en beslutning – si det der det teller, også når det ikke er de som snakker høyest. Å stille seg bak folk som har rett viser at det er saken som avgjør her, ikke rang eller stemmevolum.',
  },
  tips: [
    {
      en: 'When a colleague’s idea resurfaces later in a meeting, say “That builds on what Aisha suggested earlier” so the credit lands where it belongs.',
      nb: 'Dukker en kollegas idé opp igjen senere i møtet, si «Det bygger på det Aisha foreslo tidligere», så havner æren der den hører hjemme.',
    },
    {
      en: 'If someone is interrupted, say “I’d like to hear the rest of what Jonas was saying.”',
      nb: 'Blir noen avbrutt, si «Jeg vil gjerne høre resten av det Jonas sa.»',
    },
    {
      en: 'When you agree with a quiet point in a thread, reply in the thread with “Agreed, and here is why” — not just an emoji.',
      nb: 'Er du enig i et stillferdig innspill i en tråd, svar i tråden med «Enig, og her er hvorfor» – ikke bare med en emoji.',
    },
    {
      en: 'If a decision is about to be made without the person who knows the facts, ask “Should we check with Lena before we settle this?”',
      nb: 'Er en beslutning i ferd med å bli tatt uten den som kan fakta, spør «Skal vi høre med Lena før vi lander dette?»',
    },
    {
      en: 'When a teammate is blamed for something you decided together, say “That was a joint decision.”',
      nb: 'Får en kollega skylden for noe dere bestemte sammen, si «Det var en felles beslutning.»',
    },
    {
      en: 'Write to a colleague’s manager this week about one specific thing they got right.',
      nb: 'Skriv til lederen til en kollega denne uken om én konkret ting vedkommende fikk til.',
    },
    {
      en: 'If a valid concern gets brushed aside, restate it in your own words and ask for a direct answer.',
      nb: 'Blir en berettiget bekymring feid under teppet, gjenta den med dine egne ord og be om et tydelig svar.',
    },
    {
      en: 'Before a meeting, ask the person with the unpopular but sound view whether they would like you to back them up.',
      nb: 'Før et møte: spør den som har et upopulært, men godt begrunnet syn, om de vil at du skal stille deg bak dem.',
    },
  ],
};

const noGossip: Habit = {
  id: 'no_gossip',
  name: { en: 'Refuse to gossip', nb: 'Si nei til sladder' },
  explanation: {
    en: 'Talk about people as if they were in the room, and take problems to the person who can fix them. When nobody is discussed behind their back, everyone can relax around each other.',
    nb: 'Snakk om folk som om de var i rommet, og ta problemer opp med den som kan løse dem. Når ingen blir snakket om bak ryggen, kan alle senke skuldrene sammen.',
  },
  tips: [
    {
      en: 'When a conversation turns to someone who isn’t there, say “Let’s keep that for when Per can join” and change the subject.',
      nb: 'Når praten dreier over på noen som ikke er til stede, si «Det tar vi heller når Per er med» og bytt tema.',
    },
    {
      en: 'Before you repeat something about a colleague, ask yourself: “Would I say this with them in the room?” If not, don’t.',
      nb: 'Før du bringer videre noe om en kollega, spør deg selv: «Ville jeg sagt dette om de satt her?» Hvis ikke, la være.',
    },
    {
      en: 'If someone vents to you about a colleague, ask “Have you told them?” and offer to help plan that conversation.',
      nb: 'Lufter noen frustrasjon over en kollega til deg, spør «Har du sagt det til dem?» og tilby å hjelpe med å forberede samtalen.',
    },
    {
      en: 'This week, don’t forward or screenshot anyone’s message without asking them first.',
      nb: 'Denne uken: ikke videresend eller ta skjermbilde av noens meldinger uten å spørre dem først.',
    },
    {
      en: 'When you hear a rumour about a person or a reorganisation, ask “How do you know?” and don’t pass it on until it is confirmed.',
      nb: 'Hører du et rykte om en person eller en omorganisering, spør «Hvordan vet du det?», og ikke bring det videre før det er bekreftet.',
    },
    {
      en: 'If a colleague frustrates you, take it up with them within two days — or let it go.',
      nb: 'Er du frustrert over en kollega, ta det opp med dem innen to dager – eller legg det fra deg.',
    },
    {
      en: 'When a joke at someone’s expense starts in a channel, don’t add to it; post something about the work instead.',
      nb: 'Begynner en spøk på noens bekostning å gå i en kanal, ikke bygg videre på den; skriv heller noe som handler om jobben.',
    },
    {
      en: 'If you said something about a colleague that you shouldn’t have, tell the person you said it to: “That wasn’t fair of me — please forget it.”',
      nb: 'Har du sagt noe om en kollega som du ikke burde, si til den du sa det til: «Det var urettferdig av meg – glem det.»',
    },
  ],
};

const keepPromises: Habit = {
  id: 'keep_promises',
  name: { en: 'Keep promises', nb: 'Hold det du lover' },
  explanation: {
    en: 'Make fewer, clearer promises and keep them — or renegotiate before the deadline, not after it. Reliability is built from small promises kept on time far more than from big ones.',
    nb: 'Gi færre og tydeligere løfter, og hold dem – eller avtal ny frist før den gamle går ut, ikke etterpå. Pålitelighet bygges av små løfter holdt i tide, langt mer enn av store.',
  },
  tips: [
    {
      en: 'Before you say “I’ll get back to you”, add a day: “I’ll get back to you by Thursday.”',
      nb: 'Før du sier «Jeg kommer tilbake til deg», legg til en dag: «Jeg kommer tilbake til deg innen torsdag.»',
    },
    {
      en: 'Record every promise you make this week with `/trust promise`, so you can see what you have actually committed to.',
      nb: 'Registrer alle løftene du gir denne uken med `/trust promise`, så ser du hva du faktisk har forpliktet deg til.',
    },
    {
      en: 'As soon as you see you will miss a deadline, tell the person and suggest a new date — don’t wait for the day it is due.',
      nb: 'Så snart du ser at du ikke rekker en frist, si fra og foreslå en ny dato – ikke vent til fristen er der.',
    },
    {
      en: 'At the end of each meeting, read back what you said you would do, and for whom.',
      nb: 'Mot slutten av hvert møte: si høyt hva du har sagt at du skal gjøre, og for hvem.',
    },
    {
      en: 'Once this week, when it is true, say “I can’t take that on this week” instead of a yes you can’t keep.',
      nb: 'Si «Det rekker jeg ikke denne uken» én gang når det stemmer, i stedet for et ja du ikke kan holde.',
    },
    {
      en: 'On Friday, search your week’s messages for “I’ll” and either do it, agree a new date, or say you won’t.',
      nb: 'På fredag: søk i ukens meldinger etter «jeg skal» og «jeg fikser», og enten gjør det, avtal ny frist eller si fra at det ikke blir noe av.',
    },
    {
      en: 'Treat small promises like big ones: if you said you would send a link, send it within the hour.',
      nb: 'Ta små løfter like alvorlig som store: Sa du at du skulle sende en lenke, så send den innen en time.',
    },
    {
      en: 'When you finish something you promised, tell the person it is done — don’t make them check.',
      nb: 'Når du er ferdig med noe du har lovet, si fra til den det gjelder – ikke la dem måtte sjekke selv.',
    },
  ],
};

/** The habits in their rotation order. */
export const habits: readonly Habit[] = [assumeBest, standUp, noGossip, keepPromises];

export function habitById(id: HabitId): Habit {
  const habit = habits.find((h) => h.id === id);
  if (!habit) throw new RangeError(`unknown habit: ${id}`);
  return habit;
}
