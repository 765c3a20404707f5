using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Tests.Support;

namespace OrderStreams.Contracts.Tests;

public class AvroContractsTests
{
    [Fact]
    public void RecordSchemas_EveryGeneratedType_IsListedOnce()
    {
        var listed = AvroContracts.RecordSchemas.Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(ContractCatalog.All.Keys.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void RecordSchemas_EveryTopicValueSchemaOfTheManifest_IsGenerated()
    {
        var names = AvroContracts.RecordSchemas.Select(s => s.FullName).ToHashSet();
        string[] topicValues =
        [
            "com.orderstreams.events.OrderPlaced", "com.orderstreams.events.PaymentEvent", "com.orderstreams.events.OrderPaymentOutcome",
            "com.orderstreams.events.BranchAssignmentOutcome", "com.orderstreams.events.DriverStatusChanged",
            "com.orderstreams.events.OrderDriverAssigned", "com.orderstreams.events.DeliveryEvent", "com.orderstreams.entities.Branch",
            "com.orderstreams.entities.Driver", "com.orderstreams.views.OrderView",
        ];
        Assert.All(topicValues, name => Assert.Contains(name, names));
    }

    [Fact]
    public void Equals_RecordsWithListsOfEqualContent_AreEqual()
    {
        OrderRejected Rejected(params string[] tried) => new() { Reason = RejectionReason.NoCapacity, TriedBranchIds = tried.ToList() };

        Assert.Equal(Rejected("branch-01", "branch-02"), Rejected("branch-01", "branch-02"));
        Assert.NotEqual(Rejected("branch-01", "branch-02"), Rejected("branch-02", "branch-01"));
        Assert.Equal(Rejected("branch-01").GetHashCode(), Rejected("branch-01").GetHashCode());
    }

    [Fact]
    public void Defaults_OptionalFieldsNotSet_TakeTheSchemaDefaults()
    {
        var item = new OrderItem { Sku = "sku-1", Name = "Pizza", Quantity = 1, UnitPrice = new Money { AmountCents = 950, Currency = "EUR" } };
        var branch = new OrderStreams.Contracts.Entities.Branch
        {
            BranchId = "branch-07", Name = "Centre", Location = new GeoLocation { Lat = 52.37, Lon = 4.89 }, Open = true,
            KitchenCapacity = 12, UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Null(item.Note);
        Assert.Equal(5.0, branch.DeliveryRadiusKm);
    }
}
