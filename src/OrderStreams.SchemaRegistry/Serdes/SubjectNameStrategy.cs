namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>How a serializer names the subject it registers under (Confluent's <c>*.subject.name.strategy</c>).</summary>
public enum SubjectNameStrategy
{
    /// <summary><c>&lt;topic&gt;-value</c> / <c>&lt;topic&gt;-key</c>: one schema per topic (the default).</summary>
    Topic,

    /// <summary>The record's full name: the same type shares a subject across topics.</summary>
    Record,

    /// <summary><c>&lt;topic&gt;-&lt;record full name&gt;</c>.</summary>
    TopicRecord,
}
