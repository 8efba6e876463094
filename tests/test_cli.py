"""The command line as a user runs it: real processes, real exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml

from dealdocs.termsheet.loader import load_deal
from dealdocs.termsheet.model import Deal, Model
from dealdocs.termsheet.schema import schema_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "deals").glob("*.yaml"))


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_help_explains_commands_and_exit_codes():
    out = run("--help")
    assert out.returncode == 0
    for word in ("check", "build", "init", "lint", "Exit codes"):
        assert word in out.stdout


def test_check_examples_exit_0():
    out = run("check", *map(str, EXAMPLES))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "error" not in out.stdout


def test_check_malformed_yaml_exit_1_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\ncompany: {name: [\n")
    out = run("check", str(bad))
    assert out.returncode == 1
    assert f"{bad}:3:" in out.stdout or f"{bad}:2:" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_check_names_unknown_key(tmp_path):
    text = (REPO / "deals" / "bridge-example.yaml").read_text().replace("  maturity_date:", "  maturty_date:")
    bad = tmp_path / "typo.yaml"
    bad.write_text(text)
    out = run("check", str(bad))
    assert out.returncode == 1
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "maturty_date" in l)
    assert (f"{bad}:{line}:3: error DD003: notes.maturty_date: unknown key 'maturty_date' (did you mean maturity_date? "
            "it is required, and missing)") in out.stdout
    assert "DD004" not in out.stdout, "one mistake, said once: not also 'the required key maturity_date is missing'"
    assert out.stdout.strip().endswith("1 error")


def test_missing_file_exit_2(tmp_path):
    out = run("check", str(tmp_path / "nope.yaml"))
    assert out.returncode == 2
    assert "no such term sheet" in out.stderr


def test_a_missing_file_among_several_leaves_the_others_checked_built_and_linted_exit_2(tmp_path):
    # one mistyped name among several: the others are done and reported, the name said last, exit 2
    good = tmp_path / "good.yaml"
    good.write_text((REPO / "deals" / "bridge-example.yaml").read_text())
    missing = tmp_path / "nope.yaml"
    out = run("check", str(good), str(missing))
    assert out.returncode == 2, out.stdout + out.stderr
    assert f"{good}: no problems found" in out.stdout
    assert out.stderr.strip() == f"dealdocs: no such term sheet: {missing} (the other was checked)"
    data = json.loads(run("check", str(missing), str(good), "--format", "json").stdout)
    assert [r["term_sheet"] for r in data["results"]] == [str(good)] and data["results"][0]["ok"]
    assert (data["error"], data["exit_code"]) == (f"no such term sheet: {missing}", 2)

    out = run("build", str(good), str(missing), "-o", str(tmp_path / "out"))
    assert out.returncode == 2, out.stdout + out.stderr
    assert any((tmp_path / "out").glob("*/manifest.json"))
    assert f"no such term sheet: {missing} (the other was built as said above)" in out.stderr

    document = next((tmp_path / "out").glob("*/release-notice.docx"))
    out = run("lint", str(document), str(tmp_path / "nope.docx"))
    assert out.returncode == 2 and f"{document}:" in out.stdout, out.stdout + out.stderr
    assert out.stderr.strip() == f"dealdocs: no such file: {tmp_path / 'nope.docx'} (the other was linted)"
    log = json.loads(run("lint", str(document), str(tmp_path / "nope.docx"), "--format", "sarif").stdout)
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]][:1] and log["runs"][0]["invocations"] == [{
        "executionSuccessful": False, "exitCode": 2,
        "toolExecutionNotifications": [{"level": "error", "message": {"text": f"no such file: {tmp_path / 'nope.docx'}"}}]}]


def test_a_named_pipe_or_folder_is_not_a_term_sheet_exit_2(tmp_path):
    import os

    pipe = tmp_path / "deal.yaml"
    os.mkfifo(pipe)
    link = tmp_path / "moved.yaml"
    os.symlink(tmp_path / "gone.yaml", link)
    out = run("check", str(pipe), str(tmp_path), str(tmp_path / "nope.yaml"), str(link))
    assert out.returncode == 2
    # a folder: what to give instead (a new user's trial: `dealdocs lint output/deal/` said only "is a folder")
    assert (f"no such term sheet: {tmp_path / 'nope.yaml'}; not a term sheet: {pipe} is a named pipe, {tmp_path} is a folder "
            f"(to give the term sheets in it: {tmp_path}/*.yaml), {link} is a link to nothing (its target, "
            f"{tmp_path / 'gone.yaml'}, is not there)" in out.stderr), out.stderr
    linted = run("lint", str(tmp_path))
    assert linted.returncode == 2 and f"{tmp_path} is a folder (to give the Word files in it: {tmp_path}/*.docx)" in linted.stderr


def test_text_of_a_term_sheet_is_a_usage_error():
    """A new user's try: `dealdocs text deals/x.yaml` exited 1 (a problem found) and said to save the file from Word."""
    out = run("text", "deals/bridge-example.yaml")
    assert out.returncode == 2 and out.stdout == ""
    assert ("deals/bridge-example.yaml is a term sheet, not a Word file: dealdocs text reads Word (.docx) files; build "
            "the term sheet's documents first (dealdocs build deals/bridge-example.yaml)") in out.stderr, out.stderr


def test_text_of_a_word_file_whose_xml_declares_entities_is_refused_exit_1(tmp_path):
    from test_text_checks import _with_entity

    path = tmp_path / "escrow.docx"
    path.write_bytes(_with_entity('<!DOCTYPE w:document [<!ENTITY amt "$3,000,000.00">]>', "Two Million Dollars (&amt;)"))
    out = run("text", str(path))
    assert out.returncode == 1 and out.stdout == ""
    assert f"{path} was not read: its XML declares a document type (word/document.xml)" in out.stderr


@pytest.mark.parametrize("command", [["build"], ["check"], ["redline", "--against", "HEAD"], ["binder", "--signed", "."]])
def test_an_empty_output_folder_is_a_usage_error_and_nothing_is_written(tmp_path, command):
    """The hostile re-sweep: `build -o ""` wrote the deal into the working folder, exit 0."""
    term_sheet = tmp_path / "deal.yaml"
    term_sheet.write_text((REPO / "deals" / "bridge-example.yaml").read_text())
    out = run(command[0], str(term_sheet), *command[1:], "-o", "", cwd=tmp_path)
    assert out.returncode == 2 and "an empty name names no folder" in out.stderr, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deal.yaml"]


def test_a_build_tells_each_stage_as_it_starts(tmp_path):
    """The hostile re-sweep: a deal of 2,000 purchasers built for 74 s without a word (the bar showed only for
    several deals). The builder says what it is at; the command line shows it beside the bar."""
    from dealdocs.pipeline import Builder

    stages: list[str] = []
    builder = Builder(output_dir=tmp_path / "out")
    builder.on_stage = stages.append
    result = builder.build(REPO / "deals" / "bridge-example.yaml")
    assert result.ok
    assert stages == ["reading the term sheet", "rendering 7 documents and checking each",
                      "checking the documents against each other",
                      "making the signature packets and the closing checklist", f"writing {len(result.written) - 1} files"]



def test_a_pdf_kept_is_said_kept_with_the_output_folder_as_the_readme_gives_it(tmp_path):
    """A code review: 'kept' was said only with -o an absolute path; with the default output/ (or any relative
    folder), every PDF carried over from the build before was said 'wrote'."""
    (tmp_path / "deal.yaml").write_bytes((REPO / "deals" / "bridge-example.yaml").read_bytes())
    assert run("build", "deal.yaml", cwd=tmp_path).returncode == 0
    out = tmp_path / "output" / "deal"
    manifest = json.loads((out / "manifest.json").read_text())
    (out / "escrow-agreement.pdf").write_bytes(b"%PDF-1.4")  # as if the build before had made it
    manifest["files"]["escrow-agreement.pdf"] = {"sha256": __import__("hashlib").sha256(b"%PDF-1.4").hexdigest(),
                                                 "size": 8}
    (out / "manifest.json").write_text(json.dumps(manifest))
    again = run("build", "deal.yaml", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"kept {out / 'escrow-agreement.pdf'}: its Word file is as it was" in again.stdout, again.stdout
    assert f"wrote {out / 'escrow-agreement.pdf'}" not in again.stdout

def test_a_build_says_which_files_of_the_earlier_build_it_removed(tmp_path):
    """A new user's trial: a build without --pdf took away every PDF of the build before (the packets sent out among
    them) without a word. A build names what the earlier build made and it does not; an earlier build's PDFs in one
    line, with how to make them again."""
    from dealdocs.cli.build import kept_lines, removed_lines

    sheet = tmp_path / "deal.yaml"
    data = yaml.safe_load((REPO / "deals" / "bridge-example.yaml").read_text())
    sheet.write_text(yaml.safe_dump(data, sort_keys=False))
    first = run("build", str(sheet), "-o", str(tmp_path / "out"))
    assert first.returncode == 0 and "removed" not in first.stdout, first.stdout + first.stderr
    out = tmp_path / "out" / "deal"
    manifest = json.loads((out / "manifest.json").read_text())
    for name in ("escrow-agreement.pdf", "promissory-note-harborview.pdf"):  # as if the build before had made them
        (out / name).write_bytes(b"%PDF-1.4")
        manifest["files"][name] = {"sha256": __import__("hashlib").sha256(b"%PDF-1.4").hexdigest(), "size": 8}
    (out / "manifest.json").write_text(json.dumps(manifest))
    # a second trial: the PDF of a Word file a build makes again byte for byte still shows it, and is kept
    same = run("build", str(sheet), "-o", str(tmp_path / "out"))
    assert same.returncode == 0 and "removed" not in same.stdout, same.stdout + same.stderr
    assert f"kept {out / 'promissory-note-harborview.pdf'}: its Word file is as it was when the PDF was made" \
        in same.stdout and f"wrote {out / 'promissory-note-harborview.pdf'}" not in same.stdout  # a third trial
    assert (out / "promissory-note-harborview.pdf").read_bytes() == b"%PDF-1.4"
    assert "escrow-agreement.pdf" in json.loads((out / "manifest.json").read_text())["files"]
    chen = data["purchasers"].pop()  # Margaret Chen's $250,000 taken out: the totals and the fee with her
    data["escrow"]["aggregate_subscription"] = "1,750,000.00"
    data["escrow"]["disbursements"][2]["amount"] = "140,000.00"
    assert chen["name"] == "Margaret Chen"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False))
    packet = out / "signature-packets" / "margaret-chen.docx"  # edited by hand: kept in edited/, not said removed
    packet.write_bytes(packet.read_bytes() + b"\0")
    again = run("build", str(sheet), "-o", str(tmp_path / "out"), "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"removed {out / 'promissory-note-chen.docx'}: this build does not make it" in again.stdout
    assert f"removed {out / 'signature-packets' / 'margaret-chen.docx'}" not in again.stdout  # a code review: said both
    assert f"kept your edited file as {out}/edited/margaret-chen-" in again.stdout
    # a fourth trial: the PDFs removed were counted, none named; each is named now, by its path, after why it went
    assert "removed the earlier build's 2 PDFs of Word files that changed, since this build was made without --pdf " \
           "(build with --pdf to make them again):\n" f"  {out / 'escrow-agreement.pdf'}\n" \
           f"  {out / 'promissory-note-harborview.pdf'}\n" in again.stdout, again.stdout
    folder = Path("/o/deal")
    many = removed_lines([f"{n:02}.{kind}" for n in range(26) for kind in ("docx", "pdf") if kind == "pdf" or n < 3],
                         folder, pdf=False)  # 00 to 02 dropped with their PDFs; 23 PDFs more of changed Word files
    assert many[:6] == [f"removed /o/deal/{n:02}.{kind}: this build does not make it" for n in range(3) for kind in ("docx", "pdf")]
    assert many[6:] == ["removed the earlier build's 23 PDFs of Word files that changed, since this build was made "
                        "without --pdf (build with --pdf to make them again):",
                        *[f"  /o/deal/{n:02}.pdf" for n in range(3, 23)], "  and 3 more"]  # the first 20 by name
    assert removed_lines(["escrow-agreement.pdf"], folder, pdf=False) == [
        "removed /o/deal/escrow-agreement.pdf: its Word file changed, and this build was made without --pdf (build "
        "with --pdf to make it again)"]
    # a code review: a build with --pdf that drops a note drops its PDF, said as any other file
    assert removed_lines(["promissory-note-chen.pdf"], folder, pdf=True) == [
        "removed /o/deal/promissory-note-chen.pdf: this build does not make it"]
    assert kept_lines(["a.pdf", "b.pdf"], folder) == [  # one or two by name; more in one line, with their folder
        f"kept /o/deal/{n}: its Word file is as it was when the PDF was made" for n in ("a.pdf", "b.pdf")]
    assert kept_lines(["a.pdf", "b.pdf", "c.pdf"], folder) == [
        "kept 3 PDFs of the earlier build, in /o/deal: their Word files are as they were when the PDFs were made"]
    assert not (out / "escrow-agreement.pdf").exists() and not (out / "promissory-note-chen.docx").exists()


def test_one_deal_built_on_a_terminal_shows_what_it_is_at(tmp_path):
    import pty

    term_sheet = tmp_path / "deal.yaml"
    term_sheet.write_text((REPO / "deals" / "bridge-example.yaml").read_text())
    terminal, its_end = pty.openpty()  # standard error a terminal, as a lawyer's is
    build = subprocess.Popen([sys.executable, "-m", "dealdocs", "build", str(term_sheet), "-o", str(tmp_path / "out")],
                             stdout=subprocess.PIPE, stderr=its_end, cwd=REPO)
    os.close(its_end)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # the build closed its end
            break
        if not chunk:
            break
        shown += chunk
    out, _ = build.communicate(timeout=120)
    os.close(terminal)
    assert build.returncode == 0 and b"deal.yaml: 1 warning" in out
    assert b"building" in shown and b"rendering 7 documents and checking each" in shown, shown


def test_a_term_sheet_whose_name_holds_a_line_break_is_told_so(tmp_path):
    """The hostile re-sweep: a term sheet named with a line break was told its name may not start with a dot or hold
    '/', '\\' or '..', none of which it did."""
    term_sheet = tmp_path / "acme\nclosing.yaml"
    term_sheet.write_text((REPO / "deals" / "bridge-example.yaml").read_text())
    out = run("build", str(term_sheet), "-o", str(tmp_path / "out"))
    assert out.returncode == 1 and "'acme\\nclosing' cannot name an output folder" in out.stderr, out.stderr  # that deal fails
    assert "a control character (a line break, a tab)" in out.stderr and not (tmp_path / "out").exists()


def test_unknown_option_exit_2():
    assert run("check", "--frobnicate", str(EXAMPLES[0])).returncode == 2


def test_json_output_is_valid_json(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((REPO / "deals" / "bridge-example.yaml").read_text().replace("interest_rate: 12", "interest_rate: 30"))
    out = run("check", "--format", "json", str(bad), str(REPO / "deals" / "roo-2005-note.yaml"))
    assert out.returncode == 1
    data = json.loads(out.stdout)
    first, second = data["results"]
    assert not first["ok"] and first["errors"] >= 1
    assert {"code": "DD117", "severity": "error"}.items() <= first["findings"][0].items()
    assert first["findings"][0]["location"]["key"] == "notes.interest_rate"
    # the Saturday maturity, Petty's address without a ZIP code, the untitled attest, his notices care of the company,
    # the company's state written "NY" beside "New York", its deposit accounts left unperfected (no control agreements),
    # no company counsel named to send the signed note to, no purchaser's counsel named for the security package; and
    # its closing, May 18, 2005, long before today (DD011: the 2005 deal's documents, reproduced, are dated then)
    assert second["ok"] and second["warnings"] == 9
    assert sorted(f["code"] for f in second["findings"]) == ["DD011", "DD106", "DD126", "DD128", "DD134", "DD147",
                                                             "DD159", "DD174", "DD198"]


def test_schema_copy_in_repo_is_current():
    assert (REPO / "schema" / "termsheet.schema.json").read_text() == schema_text()


def test_every_example_points_editors_at_the_schema():
    for example in EXAMPLES:
        assert example.read_text().startswith("# yaml-language-server: $schema=../schema/termsheet.schema.json\n")


def test_schema_command_prints_json_with_every_section():
    out = run("schema")
    assert out.returncode == 0
    assert set(Deal.model_fields) <= set(json.loads(out.stdout)["properties"])


def test_init_writes_a_starter_that_checks_clean_and_refuses_to_overwrite(tmp_path):
    out = run("init", "acme-2026-notes", "--dir", str(tmp_path / "deals"))
    assert out.returncode == 0, out.stderr
    target = tmp_path / "deals" / "acme-2026-notes.yaml"
    checked = run("check", str(target))
    assert checked.returncode == 0 and "warning" not in checked.stdout, checked.stdout  # the starter is a model term sheet
    assert f"{target}: no problems found" in checked.stdout
    again = run("init", "acme-2026-notes", "--dir", str(tmp_path / "deals"))
    assert again.returncode == 2 and "never overwrites" in again.stderr


def test_the_starter_passes_its_own_check_without_a_warning(tmp_path):
    assert run("init", "starter", "--dir", str(tmp_path)).returncode == 0
    out = run("check", str(tmp_path / "starter.yaml"))
    assert out.returncode == 0 and "starter.yaml: no problems found" in out.stdout, out.stdout + out.stderr
    assert "warning" not in out.stdout
    # but it says it is still the example deal (two new users' trials: "no problems found" read as done)
    assert out.stdout.splitlines()[-1].endswith(
        "starter.yaml: no problems found; but it is still the starter as dealdocs init wrote it: its names, addresses, "
        "amounts and wire details are examples, to be replaced with the deal's own")
    checked = run("check", "deals/bridge-example.yaml", "-o", str(tmp_path / "out"))  # not the repository's output/,
    assert checked.stdout.splitlines()[-1] == "deals/bridge-example.yaml: no problems found"  # which make demo builds
    # a build of it says so too (a new user's trial: a set for "Example Company, Inc." was written without a word)
    built = run("build", str(tmp_path / "starter.yaml"), "-o", str(tmp_path / "built"))
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout.splitlines()[-1].endswith(
        "; but it is still the starter as dealdocs init wrote it: its names, addresses, amounts and wire details are "
        "examples, to be replaced with the deal's own"), built.stdout


def test_init_points_editors_at_a_schema_only_where_there_is_one(tmp_path):
    """A starter written outside a repository of this layout said its schema was at ../schema/, where nothing was:
    it now says how to get one; beside a schema/ folder it points there."""
    assert run("init", "elsewhere", "--dir", str(tmp_path / "loose")).returncode == 0
    loose = (tmp_path / "loose" / "elsewhere.yaml").read_text()
    assert "$schema=../schema" not in loose and "dealdocs schema > termsheet.schema.json" in loose
    # run in the file's folder, where the modeline looks (a new user's trial: run from the project's root as the line
    # said, the schema landed there, not beside the term sheet)
    assert "# Editor completion: in this file's folder, run `dealdocs schema > termsheet.schema.json`, then" in loose
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "termsheet.schema.json").write_text(run("schema").stdout)
    assert run("init", "laid-out", "--dir", str(tmp_path / "deals")).returncode == 0
    laid_out = (tmp_path / "deals" / "laid-out.yaml").read_text()
    assert laid_out.startswith("# yaml-language-server: $schema=../schema/termsheet.schema.json\n")
    # an LP signs through its general partner, as the starter now shows (it had a managing member sign an LP)
    assert "By: Example Fund GP, LLC, its general partner" in loose and "signs_through:" in loose.split("kind: individual")[0]


def test_init_into_a_link_to_nothing_says_so(tmp_path):
    """The hostile sweep: `init --dir` a link to nothing said "deals/acme.yaml already exists", which it did not."""
    (tmp_path / "deals").symlink_to(tmp_path / "moved-away")
    out = run("init", "acme", "--dir", str(tmp_path / "deals"))
    assert out.returncode == 2
    assert "a link to nothing" in out.stderr and "already exists" not in out.stderr, out.stderr
    assert not (tmp_path / "moved-away").exists()
    below = run("init", "acme", "--dir", str(tmp_path / "deals" / "2026"))  # a review: the link higher up
    assert below.returncode == 2 and "deals is a link to nothing" in below.stderr, below.stderr
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    looped = run("init", "acme", "--dir", str(tmp_path / "loop"))
    assert looped.returncode == 2 and "a link that leads back to itself" in looped.stderr, looped.stderr


def test_init_refuses_a_name_that_leaves_the_folder(tmp_path):
    out = run("init", "../escape", "--dir", str(tmp_path))
    assert out.returncode == 2
    assert not (tmp_path.parent / "escape.yaml").exists()


@pytest.mark.parametrize("given, meant", [("acme.yaml", "acme"), ("deals/Acme 2026.yml", "acme-2026"), ("Émile Notes", "emile-notes"),
                                         ("!!!", None)])
def test_init_given_a_file_name_says_the_deal_name_it_takes(tmp_path, given, meant):
    """A new user's trial: `dealdocs init acme.yaml` said only what a deal name is."""
    out = run("init", given, "--dir", str(tmp_path))
    assert out.returncode == 2 and "is not a deal name" in out.stderr and not list(tmp_path.iterdir())
    if meant:
        # where it writes it (a new user's trial: "it writes acme.yaml", which init wrote in deals/)
        assert f"did you mean `dealdocs init {meant}`? (it writes {tmp_path / meant}.yaml)" in " ".join(out.stderr.split())
    else:
        assert "did you mean" not in out.stderr


def _inner_model(annotation) -> type[Model] | None:
    """The section a field holds (`Address` for `Address | None` or `list[Address]`), or None for a value."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation
    return next((m for m in map(_inner_model, typing.get_args(annotation)) if m is not None), None)


def _fields_used(model: type[Model], data, used: set[tuple[str, str]]) -> None:
    """Collect (model class, field) for every key of `data`, read as `model`."""
    items = data if isinstance(data, list) else [data]
    for item in items:
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            used.add((model.__name__, key))
            inner = _inner_model(model.model_fields[key].annotation)
            if inner is not None:
                _fields_used(inner, value, used)


def _all_fields(model: type[Model], seen: set[tuple[str, str]]) -> set[tuple[str, str]]:
    for name, info in model.model_fields.items():
        if (model.__name__, name) in seen:
            continue
        seen.add((model.__name__, name))
        inner = _inner_model(info.annotation)
        if inner is not None:
            _all_fields(inner, seen)
    return seen


def test_starter_explains_every_field_of_the_model():
    """Every field of every section appears in the starter, set or as a commented example."""
    from dealdocs.termsheet.starter import starter_text

    lines = []
    in_section = False  # within a commented-out section of the deal's own ("# purchasers_counsel:" at the margin)
    for line in starter_text("X").splitlines():
        body = line.lstrip()
        indent = line[: len(line) - len(body)]
        if not indent and body.startswith("# ") and body[2:].split(":", 1)[0] in Deal.model_fields:
            line, in_section = body[2:], True
        elif in_section and body.startswith("#   "):
            line = body[2:]
        elif body.startswith("# ") and indent and ":" in body:
            line, in_section = indent + body[2:], False  # a commented-out example key
        else:
            in_section = False
        lines.append(line)
    used: set[tuple[str, str]] = set()
    _fields_used(Deal, yaml.safe_load("\n".join(lines)), used)
    missing = _all_fields(Deal, set()) - used - {("Deal", "templates")}
    assert not missing, sorted(missing)


def test_starter_loads(tmp_path):
    from dealdocs.termsheet.starter import starter_text

    path = tmp_path / "s.yaml"
    path.write_text(starter_text("Starter"))
    deal, _ = load_deal(path)
    assert deal.title == "Starter" and deal.purchasers


def test_check_states_the_funds_flow_computed_by_hand():
    # bridge: 1,000,000 + 750,000 + 250,000 subscribed; 15,000 + 12,480.25 + 160,000 disbursed
    out = run("check", str(REPO / "deals" / "bridge-example.yaml"))
    assert ("funds: subscriptions $2,000,000.00 less disbursements at release $187,480.25 "
            "= net to the company $1,812,519.75 (notes: $2,000,000.00 principal)") in out.stdout
    data = json.loads(run("check", "--format", "json", str(REPO / "deals" / "roo-2005-escrow.yaml")).stdout)
    # roo escrow: 1,240,000 less 15,000 + 17,029.48 + 111,600; the placement agent's 9% of 1,240,000 is 111,600
    assert data["results"][0]["funds"] == {
        "subscriptions": "$1,240,000.00", "disbursements_at_release": "$143,629.48", "net_to_company": "$1,096,370.52",
        "placement_fee": "$111,600.00", "placement_fee_paid": "out of the escrow at release",
    }
    assert ("; placement agent's fee 8% of $2,000,000.00 = $160,000.00, paid out of the escrow at release") in out.stdout


def test_check_states_where_the_fee_is_paid_without_an_escrow(tmp_path):
    # convertible: 1,000,000 + 250,000 subscribed, no escrow; a 6.5% fee is 81,250 paid at closing
    text = (REPO / "deals" / "convertible-example.yaml").read_text()
    placed = tmp_path / "placed.yaml"
    placed.write_text(text + "\nplacement_agent:\n  name: Meridian Capital Markets, LLC\n  fee_percent: 6.5\n")
    out = run("check", str(placed))
    assert out.returncode == 0, out.stdout + out.stderr
    assert ("funds: subscriptions $1,250,000.00 less the placement agent's fee at closing $81,250.00 "
            "= net to the company $1,168,750.00 (notes: $1,250,000.00 principal); "
            "placement agent's fee 6.5% of $1,250,000.00 = $81,250.00, paid from the proceeds at closing") in out.stdout


def test_the_installed_dealdocs_program_gives_the_same_exit_codes(tmp_path):
    """The console script (`dealdocs`, entry point `run`) ends the process as `python -m dealdocs` does."""
    program = Path(sys.executable).parent / "dealdocs"
    assert program.is_file(), "the package is not installed in this environment (make installs it)"
    clean_example = REPO / "deals" / "fund-example.yaml"  # no finding (the 2005 escrow has no outside date: DD193)
    clean = subprocess.run([str(program), "check", str(clean_example)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0 and "no problems found" in clean.stdout, clean.stdout + clean.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\ncompany: {name: [\n")
    broken = subprocess.run([str(program), "check", str(bad)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert broken.returncode == 1 and f"{bad}:" in broken.stdout
    usage = subprocess.run([str(program), "check", "--no-such-option"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2


@pytest.mark.parametrize("case", ["errors", "usage"])
def test_a_command_that_stops_still_writes_json_with_format_json(tmp_path, case):
    """`redline --format json` of a term sheet with errors, or against a file that is not there: stdout holds
    JSON saying why (the findings, the exit code), as `check --format json` always does; stderr the same in words."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("company:\n  name: Northwind Analytics, Inc.\n", encoding="utf-8")
    term_sheet, against = (bad, REPO / "deals" / "bridge-example.yaml") if case == "errors" else \
        (REPO / "deals" / "bridge-example.yaml", tmp_path / "missing.yaml")
    out = run("redline", str(term_sheet), "--against", str(against), "-o", str(tmp_path / "out"), "--format", "json")
    report = json.loads(out.stdout)
    assert out.returncode == report["exit_code"] == (1 if case == "errors" else 2), out.stderr
    if case == "errors":
        assert "has errors" in report["error"] and report["findings"]
        # the required keys missing, and (all at once) that it has neither an escrow nor notes to build
        assert {f["code"] for f in report["findings"]} == {"DD004", "DD100"}
        assert all(f["location"]["file"] == str(bad) for f in report["findings"])
    else:
        assert report["error"].startswith("--against ") and "no such file" in report["error"] and report["findings"] == []
    assert report["error"] in out.stderr


def test_lint_of_a_text_file_names_its_other_lines_by_line_not_paragraph(tmp_path):
    """A new user's trial: "line 4: ... differently from 'ROO Group, Inc.' (paragraph 2)" of a .txt file, whose
    paragraphs are its lines; and its SARIF gave "paragraph 4" beside startLine 4."""
    draft = tmp_path / "draft.txt"
    draft.write_text("ESCROW AGREEMENT\nROO Group, Inc. (the \"Company\") agrees.\n\n"
                     "The Company shall pay Roo Group, Inc. nothing.\n", encoding="utf-8")
    out = run("lint", str(draft))
    [line] = [line for line in out.stdout.splitlines() if "DD210" in line]
    assert "draft.txt, line 4: warning DD210" in line and "(line 2)" in line and "paragraph" not in line, out.stdout
    left_out = tmp_path / "left-out.txt"  # a code review: one message of DD210 still said "paragraph"
    left_out.write_text("Closing at Mintz, Levin, Cohn, Glovsky and Popeo, P.C., New York.\n"
                        "A copy to Mintz, Levin, Cohn, Ferris, Glovsky and Popeo, P.C., Boston.\n"
                        "Notices to Mintz, Levin, Cohn, Ferris, Glovsky and Popeo, P.C. in Boston.\n", encoding="utf-8")
    [line] = [line for line in run("lint", str(left_out)).stdout.splitlines() if "DD210" in line]
    assert "(line 2, and 1 more)" in line and "paragraph" not in line, line
    sarif = json.loads(run("lint", str(draft), "--format", "sarif").stdout)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "DD210"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert "logicalLocations" not in result["locations"][0] and "(line 2)" in result["message"]["text"]


@pytest.mark.parametrize("page_break", ["\f", "\f\n", "\v", "\u2028", "\x1c"])
def test_lint_of_a_text_file_counts_lines_as_an_editor_does(tmp_path, page_break):
    """A hostile sweep: after a form feed (EDGAR's page break), a .txt file's findings were given a line below theirs;
    U+2028, U+0085 and the other characters Python breaks lines at did the same."""
    draft = tmp_path / "draft.txt"
    draft.write_text(f"AGREEMENT\n\nThe parties agree.\n{page_break}\nPayments shall be made under Section 9.\n",
                     encoding="utf-8")
    where = next(n for n, line in enumerate(draft.read_bytes().split(b"\n"), start=1) if b"Section 9" in line)
    out = run("lint", str(draft))
    [line] = [line for line in out.stdout.splitlines() if "DD206" in line]
    assert f"draft.txt, line {where}: error DD206" in line, out.stdout


def test_lint_that_stops_still_writes_a_sarif_log_with_format_sarif(tmp_path):
    """`lint --format sarif` of a file that is not there: stdout is a SARIF 2.1.0 log whose invocation failed and
    says why (a code-scanning upload reads it), not an empty file."""
    out = run("lint", str(tmp_path / "missing.docx"), "--format", "sarif")
    assert out.returncode == 2, out.stderr
    log = json.loads(out.stdout)
    assert log["version"] == "2.1.0" and log["runs"][0]["results"] == []
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    assert "missing.docx" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_lint_sarif_of_a_file_whose_name_is_not_utf8_gives_its_bytes_percent_encoded(tmp_path):
    """The hostile sweep: `lint --format sarif` of a file named with bytes that are not UTF-8 (a name from another
    system) was 'internal error' (UnicodeEncodeError), exit 70; its URI is its name's bytes, percent-encoded."""
    import os

    name = os.fsdecode(b"draft-\xff.txt")
    (tmp_path / name).write_text("The the Company shall pay.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "dealdocs", "lint", "--format", "sarif", name], cwd=tmp_path,
                         capture_output=True, timeout=120)
    assert out.returncode in (0, 1), out.stderr.decode(errors="replace")
    log = json.loads(out.stdout)
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]] == ["draft-%FF.txt"]
