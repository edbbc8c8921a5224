import { constraints, objectWithin, typeLabel, type JsonSchema } from "@/lib/openapi/reference";

/** An object schema's fields as a nested list: name, type, whether required, limits, description. */
export function SchemaFields({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  const object = objectWithin(schema);
  if (!object?.properties) {
    return <p className="text-sm text-slate-600">{typeLabel(schema)}{constraints(schema).length > 0 && ` · ${constraints(schema).join(", ")}`}</p>;
  }
  const required = new Set(object.required ?? []);
  return (
    <ul className={depth > 0 ? "mt-2 border-l-2 border-slate-200 pl-3" : "divide-y divide-slate-100"}>
      {Object.entries(object.properties).map(([name, field]) => {
        const nested = depth < 3 ? objectWithin(field) : undefined;
        return (
          <li key={name} className="py-2 text-sm">
            <p className="flex flex-wrap items-baseline gap-x-2">
              <code className="font-semibold break-all">{name}</code>
              <span className="text-slate-600">{typeLabel(field)}</span>
              {required.has(name) && <span className="text-xs font-semibold uppercase text-red-800">required</span>}
            </p>
            {constraints(field).length > 0 && <p className="text-slate-600">{constraints(field).join(", ")}</p>}
            {field.description && <p className="text-slate-700">{field.description}</p>}
            {nested && <SchemaFields schema={nested} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}
