using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// Applies <c>CREATE STREAM name WITH (…)</c> declarations to the statements that read or write
/// <c>name</c>: each declared key becomes <c>'name.key'</c> in the statement's WITH unless the statement
/// sets it itself. Without a declared <c>type</c> the endpoint is a file when a <c>path</c> is declared,
/// else Kafka, a source or a sink by how the statement uses it.
/// </summary>
internal static class StreamDeclarations
{
    public static Statement Apply(Statement statement, IReadOnlyList<StreamDeclaration> declarations)
    {
        if (declarations.Count == 0)
        {
            return statement;
        }
        var added = new List<Property>();
        foreach (var declaration in declarations)
        {
            var name = declaration.Name.Name;
            var isSink = statement.Target is { } target && target.Name.Equals(name, StringComparison.OrdinalIgnoreCase);
            var isSource = statement.Query.From.Name.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                || statement.Query.Joins.Any(j => j.Right.Name.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (!isSink && !isSource)
            {
                continue;
            }
            var own = declaration.Properties.Items
                .Select(p => p with { Key = p.Key.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase) ? p.Key : $"{name}.{p.Key}" })
                .Where(p => statement.Properties.Find(p.Key) is null)
                .ToList();
            if (own.All(p => !p.Key.Equals($"{name}.type", StringComparison.OrdinalIgnoreCase)) && statement.Properties.Find($"{name}.type") is null)
            {
                var file = own.Any(p => p.Key.Equals($"{name}.path", StringComparison.OrdinalIgnoreCase));
                var type = (file, isSink) switch
                {
                    (true, true) => ConnectorCatalog.FileSink,
                    (true, false) => ConnectorCatalog.FileSource,
                    (false, true) => ConnectorCatalog.KafkaSink,
                    _ => ConnectorCatalog.KafkaSource,
                };
                own.Add(new Property($"{name}.type", type, declaration.Name.Location, declaration.Name.Location));
            }
            added.AddRange(own);
        }
        return added.Count == 0
            ? statement
            : statement with { Properties = statement.Properties with { Items = [.. statement.Properties.Items, .. added] } };
    }
}
