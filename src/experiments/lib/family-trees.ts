/**
 * The two isomorphic family trees of Rumelhart, Hinton & Williams, Nature 323:533–536 (1986),
 * Fig. 2 (REFERENCES.md §5, R10): 12 English and 12 Italian people in three generations, and the
 * 12 relations father, mother, husband, wife, son, daughter, uncle, aunt, brother, sister, nephew,
 * niece. A case is (person 1, relation) → every person 2 that fits; the relations are derived here
 * from marriages and parentage, so the 104 cases come out of the trees rather than a typed list.
 */

export const RELATIONS = [
  'father',
  'mother',
  'husband',
  'wife',
  'son',
  'daughter',
  'uncle',
  'aunt',
  'brother',
  'sister',
  'nephew',
  'niece',
] as const;
export type Relation = (typeof RELATIONS)[number];

interface Person {
  readonly name: string;
  readonly male: boolean;
  /** Index of the spouse in the same tree, or −1. */
  readonly spouse: number;
  /** Indices of the parents in the same tree (none for the first generation and in-laws). */
  readonly parents: readonly number[];
}

/**
 * One tree in Fig. 2's shape: two couples in the first generation; each has a son and a daughter;
 * the first couple's daughter marries the second couple's son, and their son and daughter are the
 * third generation. The other two children marry in from outside. Names in the order:
 * 0 grandfather A, 1 grandmother A, 2 grandfather B, 3 grandmother B, 4 son of A, 5 his wife,
 * 6 daughter of A, 7 son of B (6's husband), 8 daughter of B, 9 her husband, 10 grandson, 11 granddaughter.
 */
function tree(names: readonly string[]): Person[] {
  const p = (i: number, male: boolean, spouse: number, parents: number[] = []): Person => ({
    name: names[i],
    male,
    spouse,
    parents,
  });
  return [
    p(0, true, 1),
    p(1, false, 0),
    p(2, true, 3),
    p(3, false, 2),
    p(4, true, 5, [0, 1]),
    p(5, false, 4),
    p(6, false, 7, [0, 1]),
    p(7, true, 6, [2, 3]),
    p(8, false, 9, [2, 3]),
    p(9, true, 8),
    p(10, true, -1, [6, 7]),
    p(11, false, -1, [6, 7]),
  ];
}

/** RHW Fig. 2, English tree, in `tree`'s order. */
export const ENGLISH = [
  'Christopher',
  'Penelope',
  'Andrew',
  'Christine',
  'Arthur',
  'Margaret',
  'Victoria',
  'James',
  'Jennifer',
  'Charles',
  'Colin',
  'Charlotte',
];
/** RHW Fig. 2, Italian tree, the same places. */
export const ITALIAN = [
  'Roberto',
  'Maria',
  'Pierro',
  'Francesca',
  'Emilio',
  'Gina',
  'Lucia',
  'Marco',
  'Angela',
  'Tomaso',
  'Alfonso',
  'Sophia',
];

function related(people: readonly Person[], x: number, rel: Relation): number[] {
  const me = people[x];
  const children = (i: number) => people.flatMap((q, j) => (q.parents.includes(i) ? [j] : []));
  const siblings = (i: number) =>
    people[i].parents.length === 0 ? [] : children(people[i].parents[0]).filter((j) => j !== i);
  const withSex = (is: number[], male: boolean) => is.filter((j) => people[j].male === male);
  const spouseOf = (is: number[]) => is.map((j) => people[j].spouse).filter((j) => j >= 0);
  switch (rel) {
    case 'father':
    case 'mother':
      return withSex([...me.parents], rel === 'father');
    case 'husband':
    case 'wife':
      return me.spouse >= 0 && people[me.spouse].male === (rel === 'husband') ? [me.spouse] : [];
    case 'son':
    case 'daughter':
      return withSex(children(x), rel === 'son');
    case 'brother':
    case 'sister':
      return withSex(siblings(x), rel === 'brother');
    case 'uncle':
    case 'aunt': {
      // Siblings of a parent and their spouses.
      const sibs = me.parents.flatMap((q) => siblings(q));
      return withSex([...sibs, ...spouseOf(sibs)], rel === 'uncle');
    }
    case 'nephew':
    case 'niece': {
      // Children of one's own siblings and of one's spouse's siblings.
      const sibs = [...siblings(x), ...(me.spouse >= 0 ? siblings(me.spouse) : [])];
      return withSex(
        sibs.flatMap((s) => children(s)),
        rel === 'nephew',
      );
    }
  }
}

export interface FamilyCase {
  /** Person 1: index 0–23 (English 0–11, Italian 12–23). */
  readonly person: number;
  readonly relation: number;
  /** Every person 2 (indices 0–23), ascending. */
  readonly answers: readonly number[];
}

/** The 104 cases of both trees, English first, by person then relation. */
export function familyCases(): FamilyCase[] {
  const out: FamilyCase[] = [];
  [ENGLISH, ITALIAN].forEach((names, t) => {
    const people = tree(names);
    for (let x = 0; x < people.length; x++) {
      RELATIONS.forEach((rel, r) => {
        const ys = [...new Set(related(people, x, rel))].sort((a, b) => a - b);
        if (ys.length > 0) out.push({ person: t * 12 + x, relation: r, answers: ys.map((y) => t * 12 + y) });
      });
    }
  });
  return out;
}

/** Every person's name, index 0–23. */
export const PEOPLE: readonly string[] = [...ENGLISH, ...ITALIAN];

/** Input (24 one-hot person units, then 12 one-hot relation units) and 24 target units (1 for each answer). */
export function caseVectors(c: FamilyCase): { input: number[]; target: number[] } {
  const input = new Array<number>(36).fill(0);
  input[c.person] = 1;
  input[24 + c.relation] = 1;
  const target = new Array<number>(24).fill(0);
  for (const a of c.answers) target[a] = 1;
  return { input, target };
}
