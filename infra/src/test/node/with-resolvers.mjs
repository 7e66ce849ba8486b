// aws-local-stepfunctions 3 calls Promise.withResolvers (Node >= 22). On Node 20 every Task would fail with
// a TypeError that a Catch then hides, so this polyfill is loaded with `node --import` before the library.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
