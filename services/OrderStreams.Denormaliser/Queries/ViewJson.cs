using System.Text.Json;
using System.Text.Json.Serialization;
using OrderStreams.Contracts.Views;

namespace OrderStreams.Denormaliser.Queries;

/// <summary>How views look in query answers: camelCase, enums as their Avro symbols (DRIVER_ASSIGNED).</summary>
internal static class ViewJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    public static string StatusName(OrderStatus status) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(status.ToString());
}
