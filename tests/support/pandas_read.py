"""Reads a bridge export with pandas, the way an analyst would, and prints what pandas got.

    /usr/bin/python3 tests/support/pandas_read.py csv  URL TOKEN CODE_COLUMNS
    /usr/bin/python3 tests/support/pandas_read.py json URL TOKEN CODE_COLUMNS

csv:  pandas.read_csv(URL) with the bearer token in storage_options (pandas sends them as HTTP
      headers) and dtype=str for the code columns (comma-separated names).
json: pages through URL with urllib, following each page's `next` link to the end, one DataFrame.

Prints one JSON document on stdout: {"columns": [...], "rows": [{...}, ...], "pages": n}, values
as pandas holds them (NaN as null), so the caller compares them with what the graph says.
"""
import json
import sys
import urllib.request

import pandas as pd


def read_csv(url, token, code_columns):
    frame = pd.read_csv(
        url,
        storage_options={"Authorization": f"Bearer {token}"},
        dtype={name: str for name in code_columns},
        keep_default_na=False,
        na_values=[""],
    )
    return frame, 1


def read_json_pages(url, token, code_columns):
    frames = []
    pages = 0
    while url:
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
        with urllib.request.urlopen(request) as response:
            page = json.load(response)
        # JSON carries codes as strings already; pandas keeps them (code_columns only matter for CSV)
        frames.append(pd.DataFrame(page["rows"]))
        pages += 1
        url = page["next"]
    return pd.concat(frames, ignore_index=True), pages


def main():
    mode, url, token, code_columns = sys.argv[1], sys.argv[2], sys.argv[3], [c for c in sys.argv[4].split(",") if c]
    frame, pages = (read_csv if mode == "csv" else read_json_pages)(url, token, code_columns)
    # to_json writes NaN as null and keeps non-ASCII text as it is
    rows = json.loads(frame.to_json(orient="records", force_ascii=False))
    json.dump({"columns": list(frame.columns), "dtypes": {c: str(t) for c, t in frame.dtypes.items()}, "rows": rows, "pages": pages}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
