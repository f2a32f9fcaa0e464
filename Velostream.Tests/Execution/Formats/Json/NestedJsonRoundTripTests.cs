using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Formats.Json;

public sealed class NestedJsonRoundTripTests
{
    [Fact]
    public void Nested_objects_and_arrays_selected_from_json_input_come_out_as_json()
    {
        var lines = InProcess.Run(
            $"SELECT id, meta, tags, COALESCE(meta, tags) AS either FROM t {InProcess.Sources("t")}",
            "t",
            """{"id":1,"meta":{"a":1,"b":[1,2]},"tags":["x","y"]}""",
            """{"id":2,"meta":null,"tags":[]}""");

        Assert.Equal(
            [
                """{"id":1,"meta":{"a":1,"b":[1,2]},"tags":["x","y"],"either":{"a":1,"b":[1,2]}}""",
                """{"id":2,"meta":null,"tags":[],"either":[]}""",
            ],
            lines);
    }

    [Fact]
    public void Text_functions_see_a_nested_value_as_its_characters_and_their_results_are_text()
    {
        var lines = InProcess.Run(
            $"SELECT LENGTH(tags) AS n, UPPER(tags) AS shout FROM t {InProcess.Sources("t")}",
            "t",
            """{"tags":["x","y"]}""");

        Assert.Equal(["""{"n":9,"shout":"[\"X\",\"Y\"]"}"""], lines);
    }
}
