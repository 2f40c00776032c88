/**
 * @module The name an anonymous web visitor goes by until they give theirs: a colour, an
 * animal and a number ("Blue Falcon 4821", "Falcão Azul 4821", "Halcón Azul 4821"), so
 * two visitors are two rows an agent can tell apart, say aloud and search for. Stored as
 * the contact's name with `name_generated` set, so the console marks it as made up and
 * any name given later replaces it.
 *
 * Derived from the contact id (a random UUID): the same contact always gets the same
 * name, and 16 colours × 24 animals × 9,000 numbers make two visitors alike about once
 * in 3.4 million. A repeat is harmless: names are labels, ids decide who is who.
 *
 * Colours are ones whose Portuguese and Spanish words do not change with the animal's
 * gender ("Coruja Azul", "Falcão Azul"), so every pair reads correctly.
 */
import type { Locale } from "../../protocol";

/** [en, pt-BR, es] */
type Words = readonly [string, string, string];

const COLOURS: readonly Words[] = [
  ["Blue", "Azul", "Azul"],
  ["Green", "Verde", "Verde"],
  ["Grey", "Cinza", "Gris"],
  ["Pink", "Rosa", "Rosa"],
  ["Violet", "Violeta", "Violeta"],
  ["Lilac", "Lilás", "Lila"],
  ["Turquoise", "Turquesa", "Turquesa"],
  ["Coral", "Coral", "Coral"],
  ["Orange", "Laranja", "Naranja"],
  ["Indigo", "Índigo", "Índigo"],
  ["Beige", "Bege", "Beige"],
  ["Scarlet", "Escarlate", "Escarlata"],
  ["Amber", "Âmbar", "Ámbar"],
  ["Jade", "Jade", "Jade"],
  ["Ivory", "Marfim", "Marfil"],
  ["Crimson", "Carmim", "Carmín"],
];

const ANIMALS: readonly Words[] = [
  ["Falcon", "Falcão", "Halcón"],
  ["Owl", "Coruja", "Búho"],
  ["Fox", "Raposa", "Zorro"],
  ["Otter", "Lontra", "Nutria"],
  ["Panda", "Panda", "Panda"],
  ["Dolphin", "Golfinho", "Delfín"],
  ["Turtle", "Tartaruga", "Tortuga"],
  ["Heron", "Garça", "Garza"],
  ["Koala", "Coala", "Koala"],
  ["Lynx", "Lince", "Lince"],
  ["Penguin", "Pinguim", "Pingüino"],
  ["Toucan", "Tucano", "Tucán"],
  ["Whale", "Baleia", "Ballena"],
  ["Hummingbird", "Beija-flor", "Colibrí"],
  ["Jaguar", "Onça", "Jaguar"],
  ["Capybara", "Capivara", "Carpincho"],
  ["Parrot", "Papagaio", "Loro"],
  ["Seal", "Foca", "Foca"],
  ["Bee", "Abelha", "Abeja"],
  ["Deer", "Cervo", "Ciervo"],
  ["Rabbit", "Coelho", "Conejo"],
  ["Squirrel", "Esquilo", "Ardilla"],
  ["Zebra", "Zebra", "Cebra"],
  ["Llama", "Lhama", "Llama"],
];

const COLUMN: Record<Locale, 0 | 1 | 2> = { en: 0, "pt-BR": 1, es: 2 };

/** 32 bits of the id's hex digits from `start`; a non-UUID id still gives a number. */
function bits(id: string, start: number): number {
  const hex = id.replace(/[^0-9a-f]/gi, "").padEnd(24, "0");
  return parseInt(hex.slice(start, start + 8), 16) >>> 0;
}

/** The generated name of the contact with id `contactId`, in `locale`. */
export function visitorName(contactId: string, locale: Locale = "en"): string {
  const column = COLUMN[locale];
  const colour = COLOURS[bits(contactId, 0) % COLOURS.length]![column];
  const animal = ANIMALS[bits(contactId, 8) % ANIMALS.length]![column];
  const number = 1000 + (bits(contactId, 16) % 9000);
  // English puts the adjective first; Portuguese and Spanish after the noun.
  return column === 0 ? `${colour} ${animal} ${number}` : `${animal} ${colour} ${number}`;
}
