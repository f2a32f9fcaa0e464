using Velostream.Engine.Execution.InProcess;

namespace Velostream.Tests.Support;

/// <summary>Runs a query in process over JSON lines and returns its output lines.</summary>
internal static class InProcess
{
    /// <summary>A WITH clause declaring each name as a JSON-lines file source.</summary>
    public static string Sources(params string[] names) =>
        "WITH (" + string.Join(", ", names.Select(n => $"'{n}.type' = 'file_source', '{n}.path' = '{n}.jsonl'")) + ")";

    /// <summary>Runs <paramref name="sql"/> over <paramref name="lines"/> of its FROM source (one batch), to the end of input.</summary>
    public static IReadOnlyList<string> Run(string sql, string source, params string[] lines)
    {
        var query = InProcessQuery.Create(sql);
        query.Push(source, lines);
        query.Finish();
        return query.Output.Lines;
    }

    /// <summary>Like <see cref="Run"/> but one record per batch, as a live stream delivers them.</summary>
    public static InProcessQuery RunOneByOne(string sql, string source, params string[] lines)
    {
        var query = InProcessQuery.Create(sql);
        foreach (var line in lines)
        {
            query.Push(source, line);
        }
        query.Finish();
        return query;
    }
}
