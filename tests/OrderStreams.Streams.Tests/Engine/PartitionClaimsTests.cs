using OrderStreams.Streams.Internals.Engine;

namespace OrderStreams.Streams.Tests.Engine;

public sealed class PartitionClaimsTests
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-07T03:00:00Z");

    private static HashSet<int> Set(params int[] partitions) => [.. partitions];

    [Fact]
    public void Owners_TwoLiveInstances_EachOwnsWhatItClaimed()
    {
        var claims = new PartitionClaims(Expiry);
        claims.Apply("a:1", "a.1", Set(0, 1), offset: 0, Start);
        claims.Apply("b:1", "b.1", Set(2, 3), offset: 1, Start);

        var owners = claims.Owners(Start.AddSeconds(1));

        Assert.Equal([0, 1], owners["a:1"].Order());
        Assert.Equal([2, 3], owners["b:1"].Order());
    }

    [Fact]
    public void Owners_CrashedInstanceStillHeartbeatingInTheLog_NewerClaimTakesItsPartitionsAndItIsNotListed()
    {
        var claims = new PartitionClaims(Expiry);
        claims.Apply("a:1", "a.1", Set(0, 1), offset: 0, Start);
        claims.Apply("b:1", "b.1", Set(2, 3), offset: 1, Start);
        // a's last heartbeat lands after b's new claim: it repeats an older claim, so it does not win.
        claims.Apply("b:1", "b.2", Set(0, 1, 2, 3), offset: 2, Start.AddSeconds(1));
        claims.Apply("a:1", "a.1", Set(0, 1), offset: 3, Start.AddSeconds(1));

        var owners = claims.Owners(Start.AddSeconds(2));

        Assert.Equal(["b:1"], owners.Keys);
        Assert.Equal([0, 1, 2, 3], owners["b:1"].Order());
    }

    [Fact]
    public void Owners_HeartbeatOlderThanExpiry_InstanceOwnsNothing()
    {
        var claims = new PartitionClaims(Expiry);
        claims.Apply("a:1", "a.1", Set(0, 1), offset: 0, Start);
        claims.Apply("b:1", "b.1", Set(2, 3), offset: 1, Start);
        claims.Apply("b:1", "b.1", Set(2, 3), offset: 2, Start.AddSeconds(9));

        var owners = claims.Owners(Start.AddSeconds(11));

        Assert.Equal(["b:1"], owners.Keys);
    }

    [Fact]
    public void Owners_RebalanceMovesAPartition_NewOwnerWinsAndOldOwnerKeepsTheRest()
    {
        var claims = new PartitionClaims(Expiry);
        claims.Apply("a:1", "a.1", Set(0, 1, 2, 3), offset: 0, Start);
        claims.Apply("b:1", "b.1", Set(2, 3), offset: 1, Start);

        var owners = claims.Owners(Start);

        Assert.Equal([0, 1], owners["a:1"].Order());
        Assert.Equal([2, 3], owners["b:1"].Order());
    }

    [Fact]
    public void Owners_RestartedOnTheSameAddressWithANewClaim_ItsNewClaimWins()
    {
        var claims = new PartitionClaims(Expiry);
        claims.Apply("a:1", "p1.1", Set(0, 1), offset: 0, Start);
        claims.Apply("b:1", "b.1", Set(0, 1, 2, 3), offset: 1, Start);
        claims.Apply("b:1", "b.2", Set(2, 3), offset: 2, Start);
        claims.Apply("a:1", "p2.1", Set(0, 1), offset: 3, Start);

        var owners = claims.Owners(Start);

        Assert.Equal([0, 1], owners["a:1"].Order());
        Assert.Equal([2, 3], owners["b:1"].Order());
    }

    [Fact]
    public void Owners_InstanceRemovedItself_NotListed()
    {
        var claims = new PartitionClaims(Expiry);
        claims.Apply("a:1", "a.1", Set(0), offset: 0, Start);
        claims.Apply("b:1", "b.1", Set(1), offset: 1, Start);

        claims.Remove("a:1");

        Assert.Equal(["b:1"], claims.Owners(Start).Keys);
    }

    [Fact]
    public void Owners_InstanceWithNoPartitions_NotListed()
    {
        var claims = new PartitionClaims(Expiry);
        claims.Apply("a:1", "a.1", Set(), offset: 0, Start);

        Assert.Empty(claims.Owners(Start));
    }

    [Theory]
    [InlineData("ab12cd34.3;0,2,5", "ab12cd34.3", new[] { 0, 2, 5 })]
    [InlineData("ab12cd34.1;", "ab12cd34.1", new int[0])]
    [InlineData("1,4", "1,4", new[] { 1, 4 })]
    public void ParseClaim_CurrentAndOlderFormat_IdAndPartitions(string value, string id, int[] partitions)
    {
        var (actualId, actualPartitions) = InstanceRegistry.ParseClaim(value);

        Assert.Equal(id, actualId);
        Assert.Equal(partitions, actualPartitions.Order());
    }
}
