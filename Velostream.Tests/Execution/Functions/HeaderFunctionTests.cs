using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;

namespace Velostream.Tests.Execution.Functions;

/// <summary>HEADER, HAS_HEADER and HEADER_KEYS read the input record's Kafka headers; SET_HEADER writes the output's.</summary>
public sealed class HeaderFunctionTests
{
    private const string With = " WITH ('t.type' = 'kafka_source')";

    private static InProcessQuery Run(string sql, params RecordHeaders?[] headers)
    {
        var query = InProcessQuery.Create(sql + With);
        var batch = InProcessQuery.Batch("t", [.. headers.Select((_, i) => $$"""{"id":{{i + 1}},"region":"eu-{{i + 1}}"}""")]);
        for (var i = 0; i < headers.Length; i++)
        {
            batch[i].Headers = headers[i];
        }
        query.Push("t", batch);
        query.Finish();
        return query;
    }

    private static RecordHeaders Headers(params (string Name, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, byte[]>(p.Name, Encoding.UTF8.GetBytes(p.Value))));

    [Fact]
    public void Header_functions_read_the_last_value_of_a_name_and_the_distinct_names()
    {
        var query = Run("SELECT id, HEADER('source') AS src, HAS_HEADER('trace') AS traced, HEADER_KEYS() AS names FROM t",
            Headers(("source", "feed-a"), ("trace", "1"), ("source", "feed-b")), null);
        Assert.Equal(
        [
            """{"id":1,"src":"feed-b","traced":true,"names":"source,trace"}""",
            """{"id":2,"src":null,"traced":false,"names":""}""",
        ], query.Output.Lines);
    }

    [Fact]
    public void Set_header_gives_the_output_record_the_header_and_keeps_the_input_headers()
    {
        var query = Run("SELECT id, SET_HEADER('region', region) AS r FROM t", Headers(("traceparent", "00-abc"), ("region", "old")), null);
        Assert.Equal(["""{"id":1,"r":"eu-1"}""", """{"id":2,"r":"eu-2"}"""], query.Output.Lines);
        var first = query.Output.Records[0].Headers!;
        Assert.Equal("00-abc", Encoding.UTF8.GetString(first.GetLast("traceparent")!));
        Assert.Equal("eu-1", Encoding.UTF8.GetString(first.GetLast("region")!));
        Assert.Single(first, h => h.Key == "region");
        Assert.Equal("eu-2", Encoding.UTF8.GetString(query.Output.Records[1].Headers!.GetLast("region")!));
    }
}
