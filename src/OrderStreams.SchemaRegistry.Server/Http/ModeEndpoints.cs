using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrderStreams.SchemaRegistry.Server.Rest;
using static OrderStreams.SchemaRegistry.Server.Http.RegistryHttp;

namespace OrderStreams.SchemaRegistry.Server.Http;

/// <summary>
/// Confluent's mode routes. This registry is always <c>READWRITE</c> (no read-only or import mode, no subject-level
/// mode): it says so, accepts setting the global mode to what it is, and refuses any other mode with 42205.
/// </summary>
internal static class ModeEndpoints
{
    private const string ReadWrite = "READWRITE";
    private static readonly string[] Modes = [ReadWrite, "READONLY", "READONLY_OVERRIDE", "IMPORT", "FORWARD"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/mode", WriteReadWriteAsync);
        routes.MapGet("/mode/{subject}", (HttpContext context, string subject) => Flag(context, "defaultToGlobal")
            ? WriteReadWriteAsync(context)
            : throw new RegistryRequestException(StatusCodes.Status404NotFound, SchemaRegistryErrorCodes.SubjectLevelModeNotConfigured,
                $"Subject '{subject}' does not have subject-level mode configured."));
        routes.MapPut("/mode", async context =>
        {
            var mode = (await ReadBodyAsync(context, RestJson.Wire.ModeBody))?.Mode;
            if (!Modes.Contains(mode))
                throw new RegistryRequestException(StatusCodes.Status422UnprocessableEntity, SchemaRegistryErrorCodes.InvalidMode,
                    $"Invalid mode '{mode}'. Valid values are {string.Join(", ", Modes)}.");
            if (mode != ReadWrite) throw Refused();
            await WriteReadWriteAsync(context);
        });
        routes.MapPut("/mode/{subject}", _ => throw Refused());
    }

    private static Task WriteReadWriteAsync(HttpContext context) => WriteAsync(context, new ModeBody(ReadWrite), RestJson.Wire.ModeBody);

    private static RegistryRequestException Refused() =>
        new(StatusCodes.Status422UnprocessableEntity, SchemaRegistryErrorCodes.OperationNotPermitted,
            "This registry is always READWRITE; it keeps no other mode, globally or per subject.");
}
