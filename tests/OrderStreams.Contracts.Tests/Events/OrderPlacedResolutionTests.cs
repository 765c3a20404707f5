using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Resolution;
using OrderStreams.Avro.Schemas;
using OrderStreams.Avro.Specific;
using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Tests.Support;

namespace OrderStreams.Contracts.Tests.Events;

/// <summary>Data written with version 1 of OrderPlaced (schemas/history) read as the current OrderPlaced.</summary>
public class OrderPlacedResolutionTests
{
    private static readonly RecordSchema Version1 =
        (RecordSchema)AvroSchema.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "history", "OrderPlaced.v1.avsc")));

    [Fact]
    public void Decode_Version1Data_KeepsItsFieldsAndDefaultsTheNewOnes()
    {
        var writer = new GenericDatumWriter(Version1);
        var random = new Random(7);
        Assert.NotEqual(Version1.Fingerprint, OrderPlaced.Schema.Fingerprint);

        for (var i = 0; i < 200; i++)
        {
            var old = RandomDatum.Record(Version1, random);
            var order = AvroRecord.Read<OrderPlaced>(writer.Serialize(old), Version1);

            Assert.Equal(Guid.Parse(old.Get<string>("orderId")), order.OrderId);
            Assert.Equal(old.Get<string>("branchId"), order.BranchId);
            Assert.Equal(old.Get<string>("customerId"), order.CustomerId);
            Assert.Equal(old.Get<string>("deliveryAddress"), order.DeliveryAddress);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(old.Get<long>("placedAt")), order.PlacedAt);
            Assert.Equal(Money(old.Get<GenericRecord>("totals").Get<GenericRecord>("total")), order.Totals.Total);
            Assert.Equal(old.Get<GenericRecord>("deliveryLocation").Get<double>("lat"), order.DeliveryLocation.Lat);
            var oldItems = old.Get<List<object?>>("items").Cast<GenericRecord>().ToList();
            Assert.Equal(oldItems.Count, order.Items.Count);
            for (var j = 0; j < oldItems.Count; j++)
            {
                Assert.Equal(oldItems[j].Get<string>("sku"), order.Items[j].Sku);
                Assert.Equal(oldItems[j].Get<int>("quantity"), order.Items[j].Quantity);
                Assert.Equal(Money(oldItems[j].Get<GenericRecord>("unitPrice")), order.Items[j].UnitPrice);
                Assert.Null(order.Items[j].Note);
            }

            Assert.Equal(OrderChannel.Unknown, order.Channel);
            Assert.Null(order.CustomerNote);
        }
    }

    [Fact]
    public void Check_Version1AndCurrent_CompatibleBothWays()
    {
        Assert.True(SchemaCompatibility.Check(OrderPlaced.Schema, Version1).IsCompatible, "current must read version 1");
        Assert.True(SchemaCompatibility.Check(Version1, OrderPlaced.Schema).IsCompatible, "version 1 must read current");
    }

    private static Money Money(GenericRecord money) => new() { AmountCents = money.Get<long>("amountCents"), Currency = money.Get<string>("currency") };
}
