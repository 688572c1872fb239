import type { Localized } from '../habits/catalogue.ts';
import { mod, weekIndex } from '../habits/focus.ts';
import type { PulseItem } from '../pulse/pulse.ts';

// One concrete thing a whole team can try this week for each part of the Trust Equation. Content,
// not configuration: both languages side by side, so they never drift apart. The practice shown
// rotates with the ISO week, so a team that stays weak in one part sees a new one each week.

export const practices: Readonly<Record<PulseItem, readonly Localized[]>> = {
  credibility: [
    {
      en: 'When someone is unsure, let them say “I don’t know yet — I’ll find out by Thursday” and thank them for it.',
      nb: 'Når noen er usikre, la dem si «Det vet jeg ikke ennå – jeg finner ut av det innen torsdag», og takk dem for det.',
    },
    {
      en: 'In one meeting this week, ask the person closest to the work to explain the problem before anyone proposes a fix.',
      nb: 'I ett møte denne uken: be den som står nærmest arbeidet forklare problemet før noen foreslår en løsning.',
    },
    {
      en: 'Share one source or number behind a recommendation you make, so others can check it.',
      nb: 'Vis til én kilde eller ett tall bak en anbefaling du gir, slik at andre kan sjekke den.',
    },
    {
      en: 'Run a 15-minute “what we got wrong” round on a recent decision, without blame.',
      nb: 'Ta en runde på et kvarter om «hva vi tok feil av» i en nylig beslutning – uten å fordele skyld.',
    },
  ],
  reliability: [
    {
      en: 'Put a date on every “I’ll do it” said in your team channel this week, or turn it into a `/trust promise`.',
      nb: 'Sett en dato på hvert «jeg fikser det» som blir sagt i teamkanalen denne uken, eller gjør det om til et `/trust promise`.',
    },
    {
      en: 'End each meeting by reading back who does what, by when.',
      nb: 'Avslutt hvert møte med å lese opp hvem som gjør hva, og innen når.',
    },
    {
      en: 'When a date will slip, say so the day you know it — not the day it is due.',
      nb: 'Ryker en frist, si fra samme dag som du vet det – ikke den dagen den går ut.',
    },
    {
      en: 'On Friday, each person closes or renegotiates one loose end they have promised someone.',
      nb: 'På fredag lukker eller reforhandler hver enkelt én løs tråd de har lovet noen.',
    },
  ],
  intimacy: [
    {
      en: 'Start one meeting with a quick round: “One thing that is harder than it looks for me this week.”',
      nb: 'Start ett møte med en kort runde: «Én ting som er vanskeligere enn den ser ut for meg denne uken.»',
    },
    {
      en: 'The most senior person shares one recent mistake and what they learned, before asking anyone else to.',
      nb: 'Den mest erfarne deler én nylig tabbe og hva de lærte, før noen andre blir bedt om det samme.',
    },
    {
      en: 'When someone raises a worry, answer first with “Thanks for saying it” — the fix can come after.',
      nb: 'Når noen sier fra om en bekymring, svar først med «Takk for at du sier det» – løsningen kan komme etterpå.',
    },
    {
      en: 'Book a 20-minute one-to-one with a teammate you rarely talk to, with no agenda about work.',
      nb: 'Sett av 20 minutter på tomannshånd med en kollega du sjelden snakker med, uten arbeidsagenda.',
    },
  ],
  selfOrientation: [
    {
      en: 'In your next discussion, ask “What would help you most?” before saying what you need.',
      nb: 'I neste diskusjon: spør «Hva ville hjulpet deg mest?» før du sier hva du trenger selv.',
    },
    {
      en: 'Give away credit this week: name one teammate’s contribution in the channel, in one line.',
      nb: 'Gi bort æren denne uken: nevn én kollegas bidrag i kanalen, med én setning.',
    },
    {
      en: 'Before a decision, have someone argue for the option that is best for the team rather than for their own work.',
      nb: 'Før en beslutning: la noen argumentere for det valget som er best for teamet, ikke for sin egen oppgave.',
    },
    {
      en: 'Offer one hour of help to a teammate who is behind, without being asked.',
      nb: 'Tilby en kollega som ligger etter, én times hjelp – uten å bli spurt.',
    },
  ],
};

/** The practice for `part` in `week` ("2026-W49"): the next one each week, round and round. */
export function practiceFor(part: PulseItem, week: string): Localized {
  const list = practices[part];
  return list[mod(weekIndex(week), list.length)] ?? list[0] ?? { en: '', nb: '' };
}
