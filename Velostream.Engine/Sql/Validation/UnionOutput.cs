using Velostream.Engine.Sql.Types;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// The columns one SELECT of a UNION ALL writes: named by the first SELECT (<see cref="Names"/>), and
/// each number widened to the type every SELECT's column shares (<see cref="Casts"/>: the type to
/// cast column i to, or null to leave it as it is).
/// </summary>
internal sealed record UnionOutput(IReadOnlyList<string> Names, IReadOnlyList<SqlType?> Casts);
