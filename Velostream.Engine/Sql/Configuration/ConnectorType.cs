namespace Velostream.Engine.Sql.Configuration;

/// <summary>
/// A value of <c>'&lt;name&gt;.type'</c>: whether it reads or writes, which of its properties
/// are required, and which have a closed set of values.
/// </summary>
internal sealed record ConnectorType(
    string Name,
    ConnectorRole Role,
    IReadOnlyList<string> RequiredProperties,
    IReadOnlyDictionary<string, IReadOnlyList<string>> AllowedValues,
    string Summary);
