using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrderStreams.Avro.Resolution;
using OrderStreams.SchemaRegistry.Client.Rest;

namespace OrderStreams.SchemaRegistry.Client;

/// <summary>
/// A client of the Confluent Schema Registry REST API. Ids, schemas by id and (subject, schema) registrations and
/// look-ups are cached for the life of the client, so the serdes' hot path asks the registry once per schema;
/// everything else is read fresh. 5xx answers and connection failures are retried with exponential backoff.
/// </summary>
public sealed class SchemaRegistryClient : ISchemaRegistry, IDisposable
{
    private readonly HttpClient http;
    private readonly SchemaRegistryClientConfig config;
    private readonly ConcurrentDictionary<int, Lazy<Task<string>>> schemasById = new();
    private readonly ConcurrentDictionary<(string Subject, string Schema), Lazy<Task<int>>> idsBySubjectSchema = new();
    private readonly ConcurrentDictionary<(string Subject, string Schema), Lazy<Task<RegisteredSchema>>> lookups = new();

    /// <param name="config">Where the registry is and how to reach it.</param>
    /// <param name="handler">The HTTP handler to send through (for example a proxy or a test's counting handler); the client does not dispose it.</param>
    public SchemaRegistryClient(SchemaRegistryClientConfig config, HttpMessageHandler? handler = null)
    {
        this.config = config;
        http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = new Uri(config.Url.TrimEnd('/') + "/");
        http.Timeout = config.RequestTimeout;
        http.DefaultRequestHeaders.Accept.ParseAdd(RestJson.MediaType);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json; q=0.9");
        if (config.BasicAuthUserInfo is { } userInfo)
        {
            if (!userInfo.Contains(':'))
                throw new ArgumentException("BasicAuthUserInfo must be 'user:password'.", nameof(config));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        }
    }

    /// <summary>Registers the schema under the subject (or finds it there) and returns its global id.</summary>
    public Task<int> RegisterAsync(string subject, string schemaJson, CancellationToken cancellationToken = default) =>
        CachedAsync(idsBySubjectSchema, (subject, schemaJson), async () =>
        {
            var response = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}/versions", subject,
                SchemaBody(schemaJson), RestJson.Wire.IdResponse, CancellationToken.None);
            schemasById.TryAdd(response.Id, new Lazy<Task<string>>(Task.FromResult(schemaJson)));
            return response.Id;
        }, cancellationToken);

    public Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default) =>
        CachedAsync(schemasById, id, async () =>
            (await SendAsync(HttpMethod.Get, $"schemas/ids/{id}", null, null, RestJson.Wire.SchemaResponse, CancellationToken.None)).Schema, cancellationToken);

    /// <summary>The version of the subject holding this schema (<c>POST /subjects/{s}</c>); 40401/40403 when there is none.</summary>
    public Task<RegisteredSchema> LookupAsync(string subject, string schemaJson, CancellationToken cancellationToken = default) =>
        CachedAsync(lookups, (subject, schemaJson), async () =>
        {
            var found = ToRegistered(await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}", subject,
                SchemaBody(schemaJson), RestJson.Wire.SubjectVersionResponse, CancellationToken.None));
            idsBySubjectSchema.TryAdd((subject, schemaJson), new Lazy<Task<int>>(Task.FromResult(found.Id)));
            return found;
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, "subjects", null, null, RestJson.Wire.ListString, cancellationToken);

    public async Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions", subject, null, RestJson.Wire.ListInt32, cancellationToken);

    /// <param name="subject">The subject.</param>
    /// <param name="version">A version number, or null for the latest.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<RegisteredSchema> GetVersionAsync(string subject, int? version = null, CancellationToken cancellationToken = default) =>
        ToRegistered(await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions/{VersionSegment(version)}", subject, null,
            RestJson.Wire.SubjectVersionResponse, cancellationToken));

    public Task<RegisteredSchema> GetLatestAsync(string subject, CancellationToken cancellationToken = default) =>
        GetVersionAsync(subject, null, cancellationToken);

    /// <summary>Every (subject, version) that uses the schema id.</summary>
    public async Task<IReadOnlyList<SubjectVersion>> GetUsagesAsync(int id, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, $"schemas/ids/{id}/versions", null, null, RestJson.Wire.ListSubjectVersionItem, cancellationToken))
        .Select(u => new SubjectVersion(u.Subject, u.Version)).ToList();

    /// <summary>Checks the schema against one version of the subject (null: the latest) by the subject's compatibility level.</summary>
    public Task<CompatibilityVerdict> TestCompatibilityAsync(string subject, string schemaJson, int? version = null, CancellationToken cancellationToken = default) =>
        TestCompatibilityAtAsync($"compatibility/subjects/{Escape(subject)}/versions/{VersionSegment(version)}", subject, schemaJson, cancellationToken);

    /// <summary>Checks the schema against the versions the subject's level names (all of them for the transitive levels, else the latest).</summary>
    public Task<CompatibilityVerdict> TestCompatibilityWithSubjectAsync(string subject, string schemaJson, CancellationToken cancellationToken = default) =>
        TestCompatibilityAtAsync($"compatibility/subjects/{Escape(subject)}/versions", subject, schemaJson, cancellationToken);

    /// <summary>The subject's compatibility level (falling back to the global one), or the global one for a null subject.</summary>
    public async Task<CompatibilityMode> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        var path = subject is null ? "config" : $"config/{Escape(subject)}?defaultToGlobal=true";
        var response = await SendAsync(HttpMethod.Get, path, subject, null, RestJson.Wire.ConfigResponse, cancellationToken);
        return ParseLevel(response.CompatibilityLevel, path, subject);
    }

    /// <summary>Sets the subject's level, or the global one for a null subject.</summary>
    public async Task<CompatibilityMode> SetCompatibilityAsync(CompatibilityMode level, string? subject = null, CancellationToken cancellationToken = default)
    {
        var path = subject is null ? "config" : $"config/{Escape(subject)}";
        var response = await SendAsync(HttpMethod.Put, path, subject,
            JsonSerializer.SerializeToUtf8Bytes(new ConfigRequest(level.ToWireName()), RestJson.Wire.ConfigRequest), RestJson.Wire.ConfigRequest, cancellationToken);
        return ParseLevel(response.Compatibility, path, subject);
    }

    /// <summary>Deletes every version of the subject (soft, or permanent after a soft delete) and returns their numbers.</summary>
    public async Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default)
    {
        var deleted = await SendAsync(HttpMethod.Delete, $"subjects/{Escape(subject)}{(permanent ? "?permanent=true" : "")}", subject, null,
            RestJson.Wire.ListInt32, cancellationToken);
        Forget(subject);
        return deleted;
    }

    public async Task<int> DeleteVersionAsync(string subject, int? version, bool permanent = false, CancellationToken cancellationToken = default)
    {
        var deleted = await SendAsync(HttpMethod.Delete, $"subjects/{Escape(subject)}/versions/{VersionSegment(version)}{(permanent ? "?permanent=true" : "")}",
            subject, null, RestJson.Wire.Int32, cancellationToken);
        Forget(subject);
        return deleted;
    }

    public void Dispose() => http.Dispose();

    private async Task<CompatibilityVerdict> TestCompatibilityAtAsync(string path, string subject, string schemaJson, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, path + "?verbose=true", subject, SchemaBody(schemaJson),
            RestJson.Wire.CompatibilityResponse, cancellationToken);
        return new CompatibilityVerdict(response.IsCompatible, response.Messages ?? []);
    }

    private void Forget(string subject)
    {
        foreach (var key in idsBySubjectSchema.Keys.Where(k => k.Subject == subject)) idsBySubjectSchema.TryRemove(key, out _);
        foreach (var key in lookups.Keys.Where(k => k.Subject == subject)) lookups.TryRemove(key, out _);
    }

    /// <summary>One fetch per key, shared by concurrent callers; a failed fetch is forgotten so the next call tries again.</summary>
    private static async Task<TValue> CachedAsync<TKey, TValue>(
        ConcurrentDictionary<TKey, Lazy<Task<TValue>>> cache, TKey key, Func<Task<TValue>> fetch, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<TValue>>(fetch));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            cache.TryRemove(new KeyValuePair<TKey, Lazy<Task<TValue>>>(key, entry));
            throw;
        }
    }

    private async Task<TResponse> SendAsync<TResponse>(
        HttpMethod method, string path, string? subject, byte[]? body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var request = $"{method} /{path.Split('?')[0]}";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var message = new HttpRequestMessage(method, path);
                if (body is not null) message.Content = JsonContent(body);
                using var response = await http.SendAsync(message, cancellationToken);
                if ((int)response.StatusCode >= 500 && attempt < config.MaxRetries)
                {
                    await Task.Delay(Backoff(attempt), cancellationToken);
                    continue;
                }
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (!response.IsSuccessStatusCode) throw Failure(request, subject, response.StatusCode, content);
                try
                {
                    return JsonSerializer.Deserialize(content, responseType) ?? throw new JsonException("the body is null");
                }
                catch (JsonException e)
                {
                    throw new SchemaRegistryException(request, response.StatusCode, null, $"unreadable response body: {e.Message}", subject, e);
                }
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                if (attempt >= config.MaxRetries)
                    throw new SchemaRegistryException(request, null, null, $"{e.Message} (after {attempt + 1} attempts)", subject, e);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    private static byte[] SchemaBody(string schemaJson) => JsonSerializer.SerializeToUtf8Bytes(new SchemaRequest(schemaJson), RestJson.Wire.SchemaRequest);

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private TimeSpan Backoff(int attempt)
    {
        var exponential = config.RetryBackoff.TotalMilliseconds * Math.Pow(2, attempt);
        var jittered = exponential * (0.8 + 0.4 * Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(jittered, config.MaxRetryBackoff.TotalMilliseconds));
    }

    private static ByteArrayContent JsonContent(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue(RestJson.MediaType);
        return content;
    }

    private static SchemaRegistryException Failure(string request, string? subject, HttpStatusCode status, byte[] content)
    {
        try
        {
            if (JsonSerializer.Deserialize(content, RestJson.Wire.ErrorResponse) is { } error)
                return new SchemaRegistryException(request, status, error.ErrorCode, error.Message, subject);
        }
        catch (JsonException)
        {
        }
        var text = Encoding.UTF8.GetString(content);
        return new SchemaRegistryException(request, status, null, text.Length is > 0 and <= 500 ? text : status.ToString(), subject);
    }

    private static CompatibilityMode ParseLevel(string? name, string path, string? subject) =>
        CompatibilityModes.TryParse(name, out var level)
            ? level
            : throw new SchemaRegistryException(path, HttpStatusCode.OK, null, $"unknown compatibility level '{name}' in the response", subject);

    private static RegisteredSchema ToRegistered(SubjectVersionResponse response) => new(response.Subject, response.Id, response.Version, response.Schema);

    private static string Escape(string subject) => Uri.EscapeDataString(subject);

    private static string VersionSegment(int? version) => version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "latest";
}
