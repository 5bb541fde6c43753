import { strict as assert } from 'node:assert';
import { approverFor, chooseOwner, supervisorOf, teamLeadOf } from '../../domain/owner';
import { loadRoster } from '../../infra/policy-files';
import type { Owner, Roster } from '../../domain/types';

const owner = (id: string, languages: Owner['languages'], categories: string[]): Owner => ({
  id,
  name: id.toUpperCase(),
  email: `${id}@example.com`,
  languages,
  categories,
  teamLead: 'lead',
});

const roster: Roster = {
  owners: [
    owner('pl-delivery-b', ['pl'], ['delivery']),
    owner('pl-delivery-a', ['pl', 'en'], ['delivery', 'billing']),
    owner('pl-defect', ['pl'], ['product-defect']),
    owner('sv-all', ['sv'], ['delivery', 'product-defect', 'billing']),
    owner('en-service', ['en'], ['service']),
  ],
  teamLeads: [{ id: 'lead', name: 'Lead', email: 'lead@example.com', supervisor: 'sup' }],
  supervisors: [{ id: 'sup', name: 'Sup', email: 'sup@example.com' }],
  head: { id: 'head', name: 'Head', email: 'head@example.com' },
};

describe('owner choice', () => {
  it('picks someone who speaks the language and handles the category', () => {
    const c = chooseOwner(roster, { language: 'sv', category: 'billing' }, {});
    assert.equal(c.owner.id, 'sv-all');
    assert.equal(c.match, 'language-and-category');
    assert.match(c.reason, /speaks sv and handles billing; 0 open cases/);
  });

  it('prefers the owner with the fewest open cases', () => {
    const c = chooseOwner(
      roster,
      { language: 'pl', category: 'delivery' },
      { 'pl-delivery-a': 4, 'pl-delivery-b': 1 },
    );
    assert.equal(c.owner.id, 'pl-delivery-b');
    assert.match(c.reason, /1 open case$/);
  });

  it('breaks ties by id, whatever the roster order', () => {
    assert.equal(chooseOwner(roster, { language: 'pl', category: 'delivery' }, {}).owner.id, 'pl-delivery-a');
    const reversed = { ...roster, owners: [...roster.owners].reverse() };
    assert.equal(
      chooseOwner(reversed, { language: 'pl', category: 'delivery' }, { x: 3 }).owner.id,
      'pl-delivery-a',
    );
  });

  it('falls back to language only, then category only, then anyone, and says so', () => {
    const languageOnly = chooseOwner(
      roster,
      { language: 'pl', category: 'service' },
      { 'pl-delivery-a': 1, 'pl-delivery-b': 1 },
    );
    assert.equal(languageOnly.match, 'language-only');
    assert.equal(languageOnly.owner.id, 'pl-defect');

    const categoryOnly = chooseOwner(
      roster,
      { language: 'he', category: 'product-defect' },
      { 'pl-defect': 5 },
    );
    assert.equal(categoryOnly.match, 'category-only');
    assert.equal(categoryOnly.owner.id, 'sv-all');

    const anyone = chooseOwner(
      roster,
      { language: 'et', category: 'other' },
      { 'en-service': 0, 'pl-defect': 2 },
    );
    assert.equal(anyone.match, 'anyone');
    assert.equal(anyone.owner.id, 'en-service');
    assert.match(anyone.reason, /nobody speaks et or handles other/);
  });

  it('skips excluded owners, unless nobody else is left', () => {
    const c = chooseOwner(roster, { language: 'sv', category: 'billing' }, {}, ['sv-all']);
    assert.notEqual(c.owner.id, 'sv-all');
    assert.equal(c.match, 'category-only');
    const alone = { ...roster, owners: [roster.owners[3]] };
    const last = chooseOwner(alone, { language: 'sv', category: 'billing' }, {}, ['sv-all']);
    assert.equal(last.owner.id, 'sv-all');
    assert.equal(last.match, 'excluded-only');
  });

  it('finds team lead, supervisor and approver', () => {
    assert.equal(teamLeadOf(roster, 'sv-all')?.id, 'lead');
    assert.equal(supervisorOf(roster, 'sv-all')?.id, 'sup');
    assert.equal(approverFor(roster, 'sv-all').id, 'sup');
    assert.equal(approverFor({ ...roster, supervisors: [] }, 'nobody').id, 'head');
  });

  it('the shipped roster has a language-and-category owner for every pair', () => {
    const shipped = loadRoster('policy/roster.json');
    for (const language of ['en', 'pl', 'sv', 'et', 'he'] as const) {
      for (const category of ['delivery', 'product-defect', 'billing', 'service', 'other']) {
        assert.equal(
          chooseOwner(shipped, { language, category }, {}).match,
          'language-and-category',
          `${language}/${category}`,
        );
      }
    }
  });
});
