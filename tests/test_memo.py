import threading

from app.memo import Memo


def test_a_value_is_built_once_per_key_and_the_oldest_key_goes_first():
    memo: Memo[str] = Memo(2)
    calls = []
    for key in ("t1", "t1", "t2", "t1", "t3", "t2"):
        memo.get(key, lambda key=key: calls.append(key) or key)
    assert calls == ["t1", "t2", "t3", "t2"]


def test_threads_share_one_memo_safely():
    memo: Memo[int] = Memo(8)
    results = []

    def work(n: int) -> None:
        results.extend(memo.get(key % 4, lambda key=key: key % 4) for key in range(n, n + 50))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(results)) == [0, 1, 2, 3] and len(results) == 200
