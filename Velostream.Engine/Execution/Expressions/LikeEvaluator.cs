using System.Text;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>
/// <c>x [NOT] LIKE pattern</c>: <c>%</c> matches any run of characters, <c>_</c> exactly one
/// character (one UTF-8 code point), everything else itself, case-sensitively. Matching works on
/// the UTF-8 bytes; a constant pattern is encoded once.
/// </summary>
internal sealed class LikeEvaluator(Evaluator operand, Evaluator pattern, bool negated) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var v = operand.Eval(ctx);
        var p = pattern.Eval(ctx);
        if (v.IsError) return v;
        if (p.IsError) return p;
        if (v.IsNull || p.IsNull) return SqlValue.Null;
        if (v.Kind != ValueKind.Varchar || p.Kind != ValueKind.Varchar)
        {
            return SqlValue.Error($"LIKE needs VARCHAR operands, got {SqlArithmetic.Name(v.Kind)} and {SqlArithmetic.Name(p.Kind)}");
        }
        return SqlValue.FromBool(Matches(v.AsUtf8, p.AsUtf8) != negated);
    }

    public static bool Matches(ReadOnlySpan<byte> text, ReadOnlySpan<byte> pattern)
    {
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '%')
            {
                starP = ++p;
                starT = t;
                continue;
            }
            if (p < pattern.Length && pattern[p] == '_')
            {
                t += CodePointLength(text[t]);
                p++;
                continue;
            }
            if (p < pattern.Length && pattern[p] == text[t])
            {
                t++;
                p++;
                continue;
            }
            if (starP < 0)
            {
                return false;
            }
            // Backtrack: let the last % absorb one more character.
            starT += CodePointLength(text[starT]);
            t = starT;
            p = starP;
        }
        while (p < pattern.Length && pattern[p] == '%')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private static int CodePointLength(byte lead) =>
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;

    internal static bool Matches(string text, string pattern) =>
        Matches(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetBytes(pattern));
}
