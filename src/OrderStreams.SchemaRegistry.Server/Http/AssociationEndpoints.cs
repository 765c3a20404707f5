using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrderStreams.SchemaRegistry.Server.Rest;
using static OrderStreams.SchemaRegistry.Server.Http.RegistryHttp;

namespace OrderStreams.SchemaRegistry.Server.Http;

/// <summary>
/// Confluent's association routes (a topic's subjects, Confluent Platform 8.2+). This registry keeps no associations:
/// look-ups answer the empty list Confluent's registry gives a resource without any, so Confluent's 2.16 serdes (which
/// ask once per topic) use their subject name strategy; deleting answers its 40410; creating one is refused with 42205.
/// </summary>
internal static class AssociationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var json = RestJson.Wire;
        routes.MapGet("/associations/resources/{resourceNamespace}/{resourceName}", context => WriteAsync(context, [], json.ListString));
        routes.MapGet("/associations/resources/{resourceId}", context => WriteAsync(context, [], json.ListString));
        routes.MapGet("/associations/subjects/{subject}", context => WriteAsync(context, [], json.ListString));
        routes.MapDelete("/associations/resources/{resourceId}", NotFound);
        routes.MapPost("/associations", Refuse);
        routes.MapPut("/associations/resources/{resourceId}", Refuse);
    }

    private static Task NotFound(string resourceId) =>
        throw new RegistryRequestException(StatusCodes.Status404NotFound, SchemaRegistryErrorCodes.AssociationNotFound,
            $"Association for '{resourceId}' not found.");

    private static Task Refuse(HttpContext context) =>
        throw new RegistryRequestException(StatusCodes.Status422UnprocessableEntity, SchemaRegistryErrorCodes.OperationNotPermitted,
            "This registry keeps no associations; register schemas under subjects (for example '<topic>-value') instead.");
}
