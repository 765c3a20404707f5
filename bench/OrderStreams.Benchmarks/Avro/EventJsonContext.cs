using System.Text.Json.Serialization;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;

namespace OrderStreams.Benchmarks.Avro;

/// <summary>System.Text.Json source-generated (reflection-free) serialization of the same types, the comparison baseline.</summary>
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(DriverStatusChanged))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
