using System.Text;
using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Formats.Json;
using Velostream.Engine.Execution.Values;

namespace Velostream.Tests.Execution.Formats.Json;

public sealed class JsonRecordEncoderTests
{
    [Fact]
    public void Writes_keys_in_order_with_decimal_scale_null_and_iso_timestamps()
    {
        var encoder = new JsonRecordEncoder(["symbol", "price", "volume", "missing", "ts", "ratio", "flag"]);
        SqlValue[] row =
        [
            SqlValue.FromString("AAPL"),
            SqlValue.FromDecimal(1.50m),
            SqlValue.FromLong(100),
            SqlValue.Null,
            SqlValue.FromTimestamp(1767605400000),
            SqlValue.FromDouble(0.25),
            SqlValue.True,
        ];
        Assert.Equal(
            """{"symbol":"AAPL","price":1.50,"volume":100,"missing":null,"ts":"2026-01-05T09:30:00.000Z","ratio":0.25,"flag":true}""",
            Encoding.UTF8.GetString(encoder.Encode(row)));
    }

    [Fact]
    public void Nested_objects_and_arrays_from_the_input_are_written_as_json_and_compact()
    {
        var encoder = new JsonRecordEncoder(["meta", "tags", "pretty", "text"]);
        var meta = """{"a":1,"b":[1,"x"]}"""u8.ToArray();
        var tags = """["x","y"]"""u8.ToArray();
        var pretty = Encoding.UTF8.GetBytes("{\n  \"a\": [1,\r\n 2]\n}");
        SqlValue[] row =
        [
            SqlValue.FromJsonText(meta, 0, meta.Length),
            SqlValue.FromJsonText(tags, 0, tags.Length),
            SqlValue.FromJsonText(pretty, 0, pretty.Length),
            SqlValue.FromString("""{"looks":"like json"}"""),
        ];

        // A pretty-printed nested value would break a JSON Lines output: it is written on one line.
        Assert.Equal(
            """{"meta":{"a":1,"b":[1,"x"]},"tags":["x","y"],"pretty":{"a":[1,2]},"text":"{\"looks\":\"like json\"}"}""",
            Encoding.UTF8.GetString(encoder.Encode(row)));
    }

    [Fact]
    public void Escapes_quotes_but_keeps_text_readable()
    {
        var encoder = new JsonRecordEncoder(["s"]);
        Assert.Equal("""{"s":"a\"b+é"}""", Encoding.UTF8.GetString(encoder.Encode([SqlValue.FromString("a\"b+é")])));
    }

    [Fact]
    public void The_buffer_is_reused_between_rows()
    {
        var encoder = new JsonRecordEncoder(["n"]);
        encoder.Encode([SqlValue.FromLong(123456)]);
        Assert.Equal("""{"n":7}""", Encoding.UTF8.GetString(encoder.Encode([SqlValue.FromLong(7)])));
    }
}

public sealed class DecimalFormatterTests
{
    [Theory]
    [InlineData("1.50")]
    [InlineData("-0.05")]
    [InlineData("0.000")]
    [InlineData("-12")]
    [InlineData("123456789012345678.9")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.3333333333333333333333333333")]
    public void Writes_digits_with_the_scale_kept(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var buffer = new byte[40];
        var n = Velostream.Engine.Execution.Formats.DecimalFormatter.Format(value, buffer);
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.UTF8.GetString(buffer, 0, n));
    }
}
