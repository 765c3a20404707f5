using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrderStreams.Avro.Resolution;
using OrderStreams.SchemaRegistry.Server.Rest;
using OrderStreams.SchemaRegistry.Server.Storage;
using static OrderStreams.SchemaRegistry.Server.Http.RegistryHttp;

namespace OrderStreams.SchemaRegistry.Server.Http;

/// <summary>The Confluent Schema Registry REST routes, mapped onto a <see cref="SchemaStore"/>.</summary>
internal static class RegistryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SchemaStore store)
    {
        var json = RestJson.Wire;
        routes.MapGet("/", context => WriteAsync(context, [], json.ListString));
        routes.MapGet("/schemas/types", context => WriteAsync(context, ["AVRO"], json.ListString));
        routes.MapGet("/contexts", context => WriteAsync(context, ["."], json.ListString));
        routes.MapGet("/schemas", context =>
        {
            var prefix = context.Request.Query["subjectPrefix"].ToString();
            var found = store.AllVersions(prefix, Flag(context, "deleted"), Flag(context, "latestOnly"));
            return WriteAsync(context, found.Select(SubjectVersionResponse.Of).ToList(), json.ListSubjectVersionResponse);
        });

        routes.MapGet("/schemas/ids/{id:int}", (HttpContext context, int id) =>
            WriteAsync(context, new SchemaResponse(store.Schema(id)), json.SchemaResponse));
        routes.MapGet("/schemas/ids/{id:int}/schema", (HttpContext context, int id) => WriteRawSchemaAsync(context, store.Schema(id).Text));
        routes.MapGet("/schemas/guids/{guid}", (HttpContext context, string guid) =>
            WriteAsync(context, new SchemaResponse(store.Schema(guid)), json.SchemaResponse));
        routes.MapGet("/schemas/ids/{id:int}/versions", (HttpContext context, int id) =>
            WriteAsync(context, store.Usages(id).Select(u => new SubjectVersionItem(u.Subject, u.Version)).ToList(), json.ListSubjectVersionItem));
        routes.MapGet("/schemas/ids/{id:int}/subjects", (HttpContext context, int id) =>
            WriteAsync(context, store.Usages(id).Select(u => u.Subject).Distinct().ToList(), json.ListString));

        routes.MapGet("/subjects", context => WriteAsync(context, store.Subjects(Flag(context, "deleted")).ToList(), json.ListString));
        routes.MapPost("/subjects/{subject}", async (HttpContext context, string subject) =>
        {
            var (schema, metadata) = await ReadSchemaAsync(context);
            var found = store.Lookup(subject, schema, metadata, Flag(context, "deleted"));
            await WriteAsync(context, SubjectVersionResponse.Of(found), json.SubjectVersionResponse);
        });
        routes.MapDelete("/subjects/{subject}", (HttpContext context, string subject) =>
            WriteAsync(context, store.DeleteSubject(subject, Flag(context, "permanent")).ToList(), json.ListInt32));

        routes.MapGet("/subjects/{subject}/versions", (HttpContext context, string subject) =>
            WriteAsync(context, store.Versions(subject, Flag(context, "deleted")).ToList(), json.ListInt32));
        routes.MapPost("/subjects/{subject}/versions", async (HttpContext context, string subject) =>
        {
            var (schema, metadata) = await ReadSchemaAsync(context);
            var registered = store.Register(subject, schema, metadata);
            await WriteAsync(context, SubjectVersionResponse.Of(registered), json.SubjectVersionResponse);
        });
        routes.MapGet("/subjects/{subject}/metadata", (HttpContext context, string subject) =>
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in context.Request.Query["key"].Zip(context.Request.Query["value"])) properties[key!] = value!;
            var found = store.LatestWithMetadata(subject, properties, Flag(context, "deleted"));
            return WriteAsync(context, SubjectVersionResponse.Of(found), json.SubjectVersionResponse);
        });
        routes.MapGet("/subjects/{subject}/versions/{version}", (HttpContext context, string subject, string version) =>
        {
            var found = store.Version(subject, ParseVersion(version), Flag(context, "deleted"));
            return WriteAsync(context, SubjectVersionResponse.Of(found), json.SubjectVersionResponse);
        });
        routes.MapGet("/subjects/{subject}/versions/{version}/schema", (HttpContext context, string subject, string version) =>
            WriteRawSchemaAsync(context, store.Version(subject, ParseVersion(version), Flag(context, "deleted")).Schema));
        routes.MapGet("/subjects/{subject}/versions/{version}/referencedby", (HttpContext context, string subject, string version) =>
        {
            store.Version(subject, ParseVersion(version), includeDeleted: false);
            return WriteAsync(context, [], json.ListInt32);
        });
        routes.MapDelete("/subjects/{subject}/versions/{version}", (HttpContext context, string subject, string version) =>
            WriteAsync(context, store.DeleteVersion(subject, ParseVersion(version), Flag(context, "permanent")), json.Int32));

        routes.MapPost("/compatibility/subjects/{subject}/versions", (HttpContext context, string subject) =>
            TestCompatibilityAsync(context, store, subject, version: null, allByLevel: true));
        routes.MapPost("/compatibility/subjects/{subject}/versions/{version}", (HttpContext context, string subject, string version) =>
            TestCompatibilityAsync(context, store, subject, ParseVersion(version), allByLevel: false));

        AssociationEndpoints.Map(routes);
        ModeEndpoints.Map(routes);

        routes.MapGet("/config", context => WriteLevelAsync(context, store.Level(null, defaultToGlobal: true)!.Value));
        routes.MapPut("/config", context => SetLevelAsync(context, store, subject: null));
        routes.MapGet("/config/{subject}", (HttpContext context, string subject) =>
        {
            var level = store.Level(subject, Flag(context, "defaultToGlobal"))
                ?? throw new RegistryRequestException(StatusCodes.Status404NotFound, SchemaRegistryErrorCodes.SubjectLevelCompatibilityNotConfigured,
                    $"Subject '{subject}' does not have subject-level compatibility configured.");
            return WriteLevelAsync(context, level);
        });
        routes.MapPut("/config/{subject}", (HttpContext context, string subject) => SetLevelAsync(context, store, subject));
        routes.MapDelete("/config/{subject}", (HttpContext context, string subject) => WriteLevelAsync(context, store.ClearLevel(subject)));
    }

    private static async Task WriteRawSchemaAsync(HttpContext context, string schema)
    {
        context.Response.ContentType = RestJson.MediaType;
        await context.Response.WriteAsync(schema, context.RequestAborted);
    }

    private static async Task TestCompatibilityAsync(HttpContext context, SchemaStore store, string subject, int? version, bool allByLevel)
    {
        var messages = store.TestCompatibility(subject, version, allByLevel, (await ReadSchemaAsync(context)).Schema);
        var verbose = Flag(context, "verbose");
        await WriteAsync(context, new CompatibilityResponse(messages.Count == 0, verbose ? messages : null), RestJson.Wire.CompatibilityResponse);
    }

    private static Task WriteLevelAsync(HttpContext context, CompatibilityMode level) =>
        WriteAsync(context, new ConfigResponse(level.ToWireName()), RestJson.Wire.ConfigResponse);

    private static async Task SetLevelAsync(HttpContext context, SchemaStore store, string? subject)
    {
        var request = await ReadBodyAsync(context, RestJson.Wire.ConfigRequest);
        if (!CompatibilityModes.TryParse(request?.Compatibility, out var level))
            throw RegistryRequestException.InvalidCompatibilityLevel(request?.Compatibility);
        store.SetLevel(subject, level);
        await WriteAsync(context, new ConfigRequest(level.ToWireName()), RestJson.Wire.ConfigRequest);
    }
}
