using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.SchemaRegistry;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Bench;

/// <summary>
/// Deterministic bench records: keys spread over 200 "branches", values Avro <see cref="OrderPlaced"/> records in the
/// Confluent wire format (as the services' topics carry them), the customer note padded to reach a chosen size.
/// </summary>
public static class BenchPayload
{
    private const string Subject = "bench-orders";
    public const int BranchCount = 200;

    private static readonly string[] Branches = Enumerable.Range(0, BranchCount).Select(b => $"branch-{b:D3}").ToArray();
    private static readonly Dictionary<string, int> BranchIndexes = Branches.Select((branch, index) => (branch, index)).ToDictionary(b => b.branch, b => b.index);
    private static readonly byte[][] Keys = Branches.Select(Encoding.UTF8.GetBytes).ToArray();
    private static readonly DateTimeOffset PlacedAt = new(2026, 11, 22, 12, 30, 0, TimeSpan.Zero);

    /// <summary>The registry the values' schema is registered in; the pipelines' serdes resolve it from here.</summary>
    public static ISchemaRegistryClient Registry { get; } = new InMemorySchemaRegistry();

    // After Registry: static initializers run in order.
    private static readonly AvroSerializer<OrderPlaced> Serializer = new(Registry);

    /// <summary>The values' schema id in <see cref="Registry"/>: a peer engine in another process writes the same bytes with it.</summary>
    public static int SchemaId { get; } = Registry
        .RegisterSchemaAsync(Subject, new Schema(OrderPlaced.Schema.ToJson(), SchemaType.Avro)).GetAwaiter().GetResult();

    /// <summary>Key of warm-up records, a branch of its own so that no measured branch counts them.</summary>
    public static byte[] WarmUpKey { get; } = "warm-up"u8.ToArray();

    /// <summary>Order <paramref name="i"/>'s branch key: orders go round-robin over the branches.</summary>
    public static byte[] Key(int i) => Keys[i % Keys.Length];

    /// <summary>The index of a branch key (order i belongs to branch i % <see cref="BranchCount"/>), or -1 for another key.</summary>
    public static int BranchIndex(string key) => BranchIndexes.GetValueOrDefault(key, -1);

    public static OrderPlaced Order(int i, string note) => new()
    {
        OrderId = new Guid(i, 0x4e0a, 0x1c1f, 0x2d, 0x8e, 0x5b, 0x7a, 0x4c, 0x31, 0x00, 0x01),
        BranchId = Branches[i % Branches.Length],
        CustomerId = $"customer-{i % 50_000:D5}",
        Items =
        [
            new OrderItem { Sku = "pizza-margherita", Name = "Pizza Margherita", Quantity = 2, UnitPrice = Eur(950) },
            new OrderItem { Sku = "cola-330", Name = "Cola 330 ml", Quantity = 3, UnitPrice = Eur(250) },
        ],
        Totals = new OrderTotals { Subtotal = Eur(2650), DeliveryFee = Eur(299), Total = Eur(2949) },
        DeliveryLocation = new GeoLocation { Lat = 52.370216, Lon = 4.895168 },
        DeliveryAddress = "Damrak 1, 1012 LG Amsterdam",
        Channel = OrderChannel.App,
        CustomerNote = note,
        PlacedAt = PlacedAt.AddMilliseconds(i),
    };

    /// <summary>Order <paramref name="i"/> encoded, at least <paramref name="size"/> bytes long.</summary>
    public static byte[] Value(int i, int size)
    {
        var bare = Encode(Order(i, ""));
        return bare.Length >= size ? bare : Encode(Order(i, new string('n', size - bare.Length)));
    }

    private static byte[] Encode(OrderPlaced order) => Serializer.Serialize(order, new SerializationContext(MessageComponentType.Value, Subject));

    private static Money Eur(long cents) => new() { AmountCents = cents, Currency = "EUR" };
}
