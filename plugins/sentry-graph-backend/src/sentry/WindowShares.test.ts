import { WindowShares } from './WindowShares';

describe('WindowShares', () => {
  it("splits an endpoint's window between its listings read at the same time, and gives it back as they end", () => {
    const shares = new WindowShares();
    const endpointWindow = () => 9;
    const open = shares.open('releases', endpointWindow);
    const archived = shares.open('releases', endpointWindow);
    const members = shares.open('members', () => 4);

    expect([open.size(), archived.size(), members.size()]).toEqual([5, 5, 4]);
    archived.close();
    archived.close(); // a second close changes nothing
    expect(open.size()).toBe(9);
  });

  it('never gives a listing less than one page', () => {
    const shares = new WindowShares();
    const listings = Array.from({ length: 4 }, () =>
      shares.open('team-members', () => 2),
    );
    expect(listings.map(share => share.size())).toEqual([1, 1, 1, 1]);
  });
});
