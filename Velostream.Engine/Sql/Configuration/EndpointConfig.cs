using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Configuration;

/// <summary>
/// A source or sink as configured by the WITH clause: its name (as written in FROM/JOIN or as the
/// statement's target), its connector type and its own properties with the <c>'&lt;name&gt;.'</c>
/// prefix removed (<c>path</c>, <c>format</c>, <c>topic.name</c>, <c>event.time.field</c>, librdkafka keys…).
/// </summary>
internal sealed record EndpointConfig(string Name, ConnectorType Type, IReadOnlyList<Property> Properties)
{
    public string? Get(string key) =>
        Properties.LastOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase))?.Value;
}
