using Velostream.Engine.Sql.Types;

namespace Velostream.Engine.Sql.Functions;

/// <summary>
/// A function the dialect knows: its kind, how many arguments it takes, what each must be
/// (the last constraint repeats for variadic functions) and the rule giving its result type
/// from its argument types (<see cref="SqlType.Unknown"/> where it depends on data).
/// </summary>
internal sealed record FunctionSignature(
    string Name,
    FunctionKind Kind,
    int MinArguments,
    int MaxArguments,
    IReadOnlyList<ArgumentConstraint> Arguments,
    Func<IReadOnlyList<SqlType>, SqlType> ResultType,
    string Example,
    string Summary)
{
    public const int Variadic = int.MaxValue;

    public ArgumentConstraint ConstraintFor(int index) =>
        Arguments.Count == 0 ? ArgumentConstraint.Any : Arguments[Math.Min(index, Arguments.Count - 1)];

    /// <summary>"takes 1 argument", "takes 1 to 3 arguments", "takes at least 1 argument".</summary>
    public string ArityText()
    {
        static string Plural(int n) => n == 1 ? "argument" : "arguments";
        if (MaxArguments == Variadic)
        {
            return $"takes at least {MinArguments} {Plural(MinArguments)}";
        }
        return MinArguments == MaxArguments
            ? $"takes {MinArguments} {Plural(MinArguments)}"
            : $"takes {MinArguments} to {MaxArguments} arguments";
    }
}
