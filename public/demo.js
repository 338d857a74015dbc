// The demo page only: `?scheme=wales-psow` (or scotland-spso,
// northern-ireland-nipso) shows Example Homes as a landlord in that nation,
// with that nation's complaints scheme and ombudsman. A landlord's own page
// needs nothing like this: its config names its scheme. (A classic script,
// so it runs before the loader, which is a module.)
(function () {
  var files = {
    'england-hos': 'config/example-homes.json',
    'wales-psow': 'config/example-homes-wales.json',
    'scotland-spso': 'config/example-homes-scotland.json',
    'northern-ireland-nipso': 'config/example-homes-northern-ireland.json',
  };
  var scheme = new URLSearchParams(location.search).get('scheme');
  var host = document.getElementById('complaints-widget');
  if (host && Object.prototype.hasOwnProperty.call(files, scheme)) host.setAttribute('data-config-url', files[scheme]);
  var current = scheme in files ? scheme : 'england-hos';
  var links = document.querySelectorAll('.eh-schemes a');
  for (var i = 0; i < links.length; i++) {
    if (links[i].getAttribute('data-scheme') === current) links[i].setAttribute('aria-current', 'true');
  }
})();
