using System.Text;
using Velostream.Engine.Execution.Formats.Csv;
using Velostream.Engine.Execution.Values;

namespace Velostream.Tests.Execution.Formats.Csv;

public sealed class CsvRecordDecoderTests
{
    private static readonly string[] Header = ["symbol", "price", "volume", "note"];

    private static (bool Ok, SqlValue[] Slots, string Error) Decode(string line, params string[] fields)
    {
        var decoder = new CsvRecordDecoder(fields, Header);
        var slots = new SqlValue[fields.Length];
        var ok = decoder.TryDecode(Encoding.UTF8.GetBytes(line), slots, out var error);
        return (ok, slots, error.ToString());
    }

    [Fact]
    public void Infers_integer_decimal_and_string_values_and_empty_as_null()
    {
        var (ok, s, _) = Decode("AAPL,150.50,1200,", "symbol", "price", "volume", "note");
        Assert.True(ok);
        Assert.Equal("AAPL", s[0].AsString());
        Assert.Equal(ValueKind.Decimal, s[1].Kind);
        Assert.Equal("150.50", s[1].ToString());
        Assert.Equal(1200, s[2].AsLong);
        Assert.True(s[3].IsNull);
    }

    [Fact]
    public void Quoted_fields_are_text_with_commas_and_doubled_quotes()
    {
        var (ok, s, _) = Decode("\"A,B\",1.0,\"7\",\"say \"\"hi\"\"\"", "symbol", "volume", "note");
        Assert.True(ok);
        Assert.Equal("A,B", s[0].AsString());
        Assert.Equal(ValueKind.Varchar, s[1].Kind);
        Assert.Equal("7", s[1].AsString());
        Assert.Equal("say \"hi\"", s[2].AsString());
    }

    [Fact]
    public void Wrong_field_counts_are_errors_with_the_column()
    {
        Assert.Equal("expected 4 fields, found 3 (column 3)", Decode("A,1,2", "symbol").Error);
        Assert.Equal("expected 4 fields, found more (column 5)", Decode("A,1,2,x,y", "symbol").Error);
    }

    [Fact]
    public void An_unterminated_quote_is_an_error()
    {
        Assert.Equal("unterminated quoted field (column 1)", Decode("\"AAPL,1,2,3", "symbol").Error);
    }

    [Fact]
    public void Splits_a_header_row()
    {
        Assert.True(CsvRecordDecoder.TrySplitHeader("a, b ,\"c,d\""u8, out var names, out _));
        Assert.Equal(["a", "b", "c,d"], names);
    }
}
