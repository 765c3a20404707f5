namespace OrderStreams.SchemaRegistry.Client;

/// <summary>A subject's (or the registry's default) compatibility rule, as the REST API names it.</summary>
public enum CompatibilityLevel
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}
