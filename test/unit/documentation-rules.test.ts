// The documentation's counted fields: the root-cause category and the contributing factors come
// from the case's own policy; a policy snapshot from before the lists accepts what it always did.
import assert from 'node:assert/strict';
import type { DocumentationInput, ResponsiblePartyKind } from '../../domain/case';
import { documentationProblem } from '../../domain/lifecycle/actions/documentation';
import type { Policy } from '../../domain/types';
import fs from 'node:fs';
import { parsePolicy } from '../../domain/policy';
import { fromRoot } from '../../infra/paths';
import { shippedPolicy } from '../helpers/complaints';

const doc = (over: Partial<DocumentationInput> = {}): DocumentationInput => ({
  rootCause: 'Crushed in the depot',
  rootCauseCategory: 'transport-damage',
  contributingFactors: ['packaging', 'carrier-handling'],
  responsibleParty: 'FastParcel',
  responsiblePartyKind: 'carrier',
  correctiveAction: 'Replacement sent',
  preventiveAction: 'Double boxes for lamps',
  ...over,
});

describe('documentation rules', () => {
  const policy = shippedPolicy();

  it('accepts a category and factors from the case’s policy, and none at all', () => {
    assert.equal(documentationProblem(doc(), policy), undefined);
    assert.equal(
      documentationProblem(
        doc({ rootCauseCategory: undefined, responsiblePartyKind: undefined, contributingFactors: [] }),
        policy,
      ),
      undefined,
    );
  });

  it('refuses a root-cause category the case’s policy does not list, naming the ones it does', () => {
    const why = documentationProblem(doc({ rootCauseCategory: 'gremlins' }), policy);
    assert.match(
      why ?? '',
      /^rootCauseCategory: "gremlins" is not a root-cause category of this case's policy/,
    );
    assert.match(why ?? '', /transport-damage/);
  });

  it('refuses contributing factors the case’s policy does not list', () => {
    const why = documentationProblem(doc({ contributingFactors: ['packaging', 'bad luck'] }), policy);
    assert.match(why ?? '', /^contributingFactors: "bad luck" not in this case's policy/);
  });

  it('refuses a responsible party kind outside staff, supplier, carrier, customer, unknown', () => {
    const why = documentationProblem(doc({ responsiblePartyKind: 'robot' as ResponsiblePartyKind }), policy);
    assert.match(why ?? '', /^responsiblePartyKind: "robot"/);
  });

  it('accepts free text on a case whose policy snapshot predates the lists', () => {
    const old = { ...policy } as Partial<Policy>;
    delete old.documentation;
    assert.equal(
      documentationProblem(
        doc({ rootCauseCategory: 'anything', contributingFactors: ['Thin box'] }),
        old as Policy,
      ),
      undefined,
    );
  });

  it('every shipped policy carries the lists, with unique ids', () => {
    for (const name of ['default', 'business-hours', 'demo']) {
      const p = shippedPolicy(name);
      for (const list of [p.documentation.rootCauseCategories, p.documentation.contributingFactors]) {
        assert.ok(list.length > 0, name);
        assert.equal(new Set(list.map((x) => x.id)).size, list.length, name);
      }
    }
  });

  it('a policy file without the lists, or with an id twice, is refused with the field named', () => {
    const raw = () =>
      JSON.parse(fs.readFileSync(fromRoot('policy', 'default.json'), 'utf8')) as Record<string, unknown>;
    const missing = raw();
    delete missing.documentation;
    assert.throws(() => parsePolicy(missing, 'p.json'), /p\.json: documentation: /);
    const twice = raw();
    const lists = twice.documentation as { rootCauseCategories: { id: string; name: string }[] };
    lists.rootCauseCategories.push({ ...lists.rootCauseCategories[0] });
    assert.throws(
      () => parsePolicy(twice, 'p.json'),
      /documentation\.rootCauseCategories\[\d+\]\.id: "transport-damage" repeats/,
    );
  });
});
