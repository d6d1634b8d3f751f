import pickle

import pytest

from disclosure_nlp.errors import DisclosureError
from disclosure_nlp.narrative import tokenize
from disclosure_nlp.narrative.segment import available_backends, default_backend, domain_words

BOTH = pytest.mark.skipif(len(available_backends()) < 2, reason="needs both jieba and rjieba")


def test_domain_dictionary_is_well_formed_and_large():
    words = domain_words()
    assert len(words) >= 300
    assert all(freq > 0 and tag for _, freq, tag in words)
    assert {"依申请公开", "政务新媒体", "三安全一稳定", "勾稽关系"} <= {w for w, _, _ in words}


@pytest.mark.parametrize("backend", available_backends())
def test_domain_terms_stay_whole(backend):
    tokens = tokenize("部分单位依申请公开答复不规范，政务新媒体更新慢，危及三安全一稳定。", backend)
    assert "依申请公开" in tokens and "政务新媒体" in tokens and "三安全一稳定" in tokens


@pytest.mark.parametrize("backend", available_backends())
def test_ascii_runs_are_one_token_and_spaces_dropped(backend):
    tokens = tokenize("于 2025-03-10 在 http://www.example.gov.cn/t20250310_97791.htm 发布，占比12.5%", backend)
    assert "2025-03-10" in tokens
    assert "http://www.example.gov.cn/t20250310_97791.htm" in tokens
    assert "12.5%" in tokens
    assert not any(t.isspace() or not t for t in tokens)


@BOTH
def test_backends_agree_on_mixed_text():
    text = "2024年，我局在门户网站（www.example.gov.cn）发布第3期图解，电话0591-23165370；t2024_1.htm。"
    assert tokenize(text, "jieba") == tokenize(text, "rjieba")


@BOTH
def test_backends_agree_on_every_real_report(real_corpus):
    texts = [p.read_text(encoding="utf-8") for p in sorted(real_corpus.glob("*")) if p.suffix in (".txt", ".md")]
    assert texts
    for text in texts:
        assert tokenize(text, "jieba") == tokenize(text, "rjieba")


def test_default_backend_prefers_rjieba():
    assert default_backend() == ("rjieba" if "rjieba" in available_backends() else "jieba")


def test_tokenize_pickles_and_rejects_unknown_backend():
    assert pickle.loads(pickle.dumps(tokenize)) is tokenize
    with pytest.raises(DisclosureError, match="valid: rjieba, jieba"):
        tokenize("政务公开", backend="nope")


@pytest.mark.skipif("rjieba" not in available_backends(), reason="needs rjieba")
def test_segmenting_with_rjieba_does_not_import_jieba():
    import subprocess
    import sys

    code = ("import sys\n"
            "from disclosure_nlp.narrative.segment import default_backend, tokenize\n"
            "assert tokenize('本年度收到政府信息公开申请') and default_backend() == 'rjieba'\n"
            "assert 'jieba' not in sys.modules, 'jieba imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
