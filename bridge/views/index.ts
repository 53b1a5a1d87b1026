/**
 * Every export the bridge serves, in the order the docs and the OData service document list them.
 */
import type { View } from '../registry.ts';
import { addressesView, buildingsView, roomsView } from './addresses.ts';
import { casePartiesView, casesView } from './cases.ts';
import { legalEntitiesView } from './entities.ts';
import { eventsView } from './events.ts';
import { peopleView, residencesView } from './people.ts';
import { statisticsView } from './statistics.ts';

export const VIEWS: readonly View[] = [
  addressesView,
  buildingsView,
  roomsView,
  peopleView,
  residencesView,
  legalEntitiesView,
  eventsView,
  casesView,
  casePartiesView,
  statisticsView,
];

const byName = new Map(VIEWS.map((v) => [v.name, v]));
const bySet = new Map(VIEWS.map((v) => [v.entitySet, v]));

/** The view served at /rest/<name>, or undefined. */
export function viewNamed(name: string): View | undefined {
  return byName.get(name);
}

/** The view behind an OData entity set, or undefined. */
export function viewOfEntitySet(entitySet: string): View | undefined {
  return bySet.get(entitySet);
}
